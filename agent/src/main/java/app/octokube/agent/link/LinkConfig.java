package app.octokube.agent.link;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the Agent reaches the Backend. Every value is checked here, so a link that exists was
 * configured sensibly; the messages name the setting and say what to change.
 *
 * @param backend the Backend's base URL, {@code wss://host[:port][/prefix]}, or {@code ws://} for
 *     local use; the link connects to {@code <backend>/agent/v1/connect}
 * @param caFile a PEM file of the CA certificates to trust for {@code wss://}; when given, only
 *     they are trusted, otherwise the JVM's default trust store; null for none
 * @param heartbeatInterval how often the link pings the Backend
 * @param heartbeatTimeout how long the link waits without receiving any frame (a pong or
 *     anything else) before it calls the connection half-open, closes it and reconnects
 * @param handshakeTimeout how long a TCP connect, TLS handshake and WebSocket upgrade may take
 * @param reconnect the backoff after a lost or failed connection
 * @param refused the slower backoff after the Backend refused the token or replaced this Agent
 * @param healthyAfter how long a connection must last before the reconnect backoff starts over
 * @param outboxMaxDeltas deltas waiting for the socket at most; more is an overflow
 * @param outboxMaxBytes encoded bytes waiting for the socket at most; more is an overflow
 * @param agentVersion the Agent's software version, sent in the hello
 */
public record LinkConfig(
    URI backend,
    Path caFile,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration handshakeTimeout,
    RetryPolicy reconnect,
    RetryPolicy refused,
    Duration healthyAfter,
    int outboxMaxDeltas,
    long outboxMaxBytes,
    String agentVersion) {

  /** The Backend's endpoint for agents, below the base URL. */
  public static final String CONNECT_PATH = "/agent/v1/connect";

  /** A ping every 5 s: the cost is a few bytes, and three of them fit in the timeout. */
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  /** Three missed pongs: one late pong on a busy link is not yet a dead link. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** A connection that lasted 30 s was not a flapping one; the next loss retries fast again. */
  public static final Duration HEALTHY_AFTER = Duration.ofSeconds(30);

  /**
   * 4,096 deltas, 16 MiB: about a second of the heaviest churn the queue's batching produces.
   * Both must stay below the replay log's bounds (10,000 deltas, 64 MiB by default), so that what
   * an overflow dropped is still in the log and the link repairs it by a resume, not a resync.
   */
  public static final int OUTBOX_MAX_DELTAS = 4_096;

  public static final long OUTBOX_MAX_BYTES = 16L << 20;

  public LinkConfig {
    Objects.requireNonNull(backend, "backend");
    String scheme = backend.getScheme() == null ? "" : backend.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("wss") && !scheme.equals("ws")) {
      throw new IllegalArgumentException("the Backend URL must start with wss:// (or ws:// for local"
          + " use), got '" + backend.getScheme() + "' in " + safe(backend));
    }
    if (backend.getHost() == null) {
      throw new IllegalArgumentException("the Backend URL has no host: " + safe(backend));
    }
    if (backend.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the Backend URL must not carry credentials; the Agent authenticates with its token file");
    }
    if (backend.getRawQuery() != null || backend.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the Backend URL must not have a query or a fragment: " + safe(backend));
    }
    if (caFile != null && scheme.equals("ws")) {
      throw new IllegalArgumentException("a CA file only applies to wss:// URLs; the Backend URL is "
          + safe(backend));
    }
    positive(heartbeatInterval, "heartbeatInterval");
    positive(heartbeatTimeout, "heartbeatTimeout");
    positive(handshakeTimeout, "handshakeTimeout");
    positive(healthyAfter, "healthyAfter");
    if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
          + ") must be longer than heartbeatInterval (" + heartbeatInterval
          + "), or every quiet link would look dead");
    }
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(refused, "refused");
    if (outboxMaxDeltas < 1 || outboxMaxBytes < 1) {
      throw new IllegalArgumentException("the outbox must hold at least one delta");
    }
    Objects.requireNonNull(agentVersion, "agentVersion");
    if (agentVersion.isBlank()) {
      throw new IllegalArgumentException("agentVersion must not be blank");
    }
  }

  /** The defaults for {@code backend}: the values documented on the constants above. */
  public static LinkConfig of(URI backend) {
    return new LinkConfig(backend, null, HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, HANDSHAKE_TIMEOUT,
        RetryPolicy.RECONNECT, RetryPolicy.REFUSED, HEALTHY_AFTER, OUTBOX_MAX_DELTAS,
        OUTBOX_MAX_BYTES, defaultAgentVersion());
  }

  public static LinkConfig of(String backend) {
    return of(URI.create(backend));
  }

  /** The URL the link connects to. */
  public URI endpoint() {
    String path = backend.getRawPath() == null ? "" : backend.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(backend.getScheme().toLowerCase(Locale.ROOT) + "://"
        + backend.getRawAuthority() + path + CONNECT_PATH);
  }

  public boolean tls() {
    return backend.getScheme().equalsIgnoreCase("wss");
  }

  /** The port to connect to: the URL's, else 443 for wss and 80 for ws. */
  public int port() {
    return backend.getPort() >= 0 ? backend.getPort() : tls() ? 443 : 80;
  }

  public LinkConfig withCaFile(Path file) {
    return new LinkConfig(backend, file, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
        reconnect, refused, healthyAfter, outboxMaxDeltas, outboxMaxBytes, agentVersion);
  }

  public LinkConfig withHeartbeat(Duration interval, Duration timeout) {
    return new LinkConfig(backend, caFile, interval, timeout, handshakeTimeout, reconnect, refused,
        healthyAfter, outboxMaxDeltas, outboxMaxBytes, agentVersion);
  }

  public LinkConfig withHandshakeTimeout(Duration timeout) {
    return new LinkConfig(backend, caFile, heartbeatInterval, heartbeatTimeout, timeout, reconnect,
        refused, healthyAfter, outboxMaxDeltas, outboxMaxBytes, agentVersion);
  }

  public LinkConfig withRetries(RetryPolicy reconnect, RetryPolicy refused, Duration healthyAfter) {
    return new LinkConfig(backend, caFile, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
        reconnect, refused, healthyAfter, outboxMaxDeltas, outboxMaxBytes, agentVersion);
  }

  public LinkConfig withOutbox(int maxDeltas, long maxBytes) {
    return new LinkConfig(backend, caFile, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
        reconnect, refused, healthyAfter, maxDeltas, maxBytes, agentVersion);
  }

  public LinkConfig withAgentVersion(String version) {
    return new LinkConfig(backend, caFile, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
        reconnect, refused, healthyAfter, outboxMaxDeltas, outboxMaxBytes, version);
  }

  /** The version in the agent jar's manifest, or "dev" when run from classes. */
  static String defaultAgentVersion() {
    String version = LinkConfig.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** The URL for a message, without user info, which may hold a secret. */
  private static String safe(URI uri) {
    return uri.getRawUserInfo() == null ? uri.toString() : uri.getScheme() + "://…@" + uri.getHost();
  }
}
