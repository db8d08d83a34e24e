package app.octokube.agent.link;

import app.octokube.agent.engine.DeltaSink;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Codec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agent's one outbound WebSocket to the Backend: connects, says hello, streams deltas, serves
 * the Backend's snapshot and resume commands, and reconnects with jittered backoff whenever the
 * connection is lost, refused or found half-open.
 *
 * <p>Usage: {@code new AgentLink(vertx, queue, codec, config, token).start()}, and
 * {@link #close()} on shutdown, before the queue and Vert.x are closed.
 *
 * <p><b>Threading.</b> The link runs on one Vert.x event-loop context, taken when it is built:
 * connecting, retry timers, the session and every socket write happen there, and methods only it
 * may run assert it. {@link #start()}, {@link #close()} and {@link #status()} may be called from
 * any thread. The link never runs anything on the queue's thread but the outbox's wake-up, which
 * only schedules work here; the queue never waits on the network.
 */
public final class AgentLink {
  private static final Logger log = LoggerFactory.getLogger(AgentLink.class);

  /** The close handshake is one round trip; a peer that has not answered in 2 s is gone. */
  private static final int CLOSING_TIMEOUT_SECONDS = 2;

  private final Vertx vertx;
  private final LinkLoop loop;
  private final ExecutionQueue queue;
  private final Codec codec;
  private final LinkConfig config;
  private final AgentToken token;
  private final LinkMetrics metrics;
  private final WebSocketClient client;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  // Owned by the event loop.
  private final Backoff reconnect;
  private final Backoff refused;
  private LinkSession session;
  private long connectedAt;
  private long retryTimer = -1;
  private boolean closing;

  /**
   * @param vertx the Vert.x the link runs on; the link takes one event-loop context of it
   * @param queue the queue whose deltas the link streams and which serves its snapshots
   * @param codec encodes the link's own messages (deltas come encoded from the queue)
   * @param token presented as {@code Authorization: Bearer <token>}, read at each attempt
   * @throws IllegalArgumentException if the CA file is given but cannot be read
   */
  public AgentLink(Vertx vertx, ExecutionQueue queue, Codec codec, LinkConfig config,
      AgentToken token) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.config = Objects.requireNonNull(config, "config");
    this.token = Objects.requireNonNull(token, "token");
    if (config.caFile() != null && !Files.isReadable(config.caFile())) {
      throw new IllegalArgumentException("the CA file " + config.caFile() + " cannot be read");
    }
    this.loop = new LinkLoop(vertx.getOrCreateContext());
    this.metrics = new LinkMetrics(Clock.systemUTC());
    this.reconnect = new Backoff(config.reconnect());
    this.refused = new Backoff(config.refused());
    this.client = vertx.createWebSocketClient(clientOptions(config));
  }

  /**
   * Starts connecting; from now on the link keeps itself connected until {@link #close()}.
   *
   * @throws IllegalStateException if called twice
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("the link was already started");
    }
    loop.execute(this::connect);
  }

  /**
   * Closes the connection with GOING_AWAY, stops reconnecting and detaches from the queue.
   * Idempotent. The future completes once the close frame went out (or the socket was already
   * gone), within about two seconds however the Backend behaves.
   */
  public CompletableFuture<Void> close() {
    loop.execute(this::shutdown);
    return closed;
  }

  /** Where the link stands now. Any thread. */
  public LinkStatus status() {
    return metrics.snapshot();
  }

  private void connect() {
    assert onLoop() : "the link connects from its event loop";
    retryTimer = -1;
    if (closing) {
      return;
    }
    String bearer;
    try {
      bearer = token.read();
    } catch (IOException e) {
      retry(e.getMessage(), true);
      return;
    }
    client.connect(connectOptions(bearer)).onComplete(result -> {
      if (result.succeeded()) {
        onConnected(result.result());
      } else {
        onConnectFailed(result.cause());
      }
    });
  }

  private WebSocketConnectOptions connectOptions(String bearer) {
    long timeout = config.handshakeTimeout().toMillis();
    return new WebSocketConnectOptions()
        .setHost(config.endpoint().getHost())
        .setPort(config.port())
        .setSsl(config.tls())
        .setURI(config.endpoint().getRawPath())
        .setConnectTimeout(timeout)
        .setTimeout(timeout)
        // An Origin header is what browsers send; the Agent is not one.
        .setAllowOriginHeader(false)
        .putHeader("Authorization", "Bearer " + bearer);
  }

  private void onConnected(WebSocket ws) {
    assert onLoop() : "connections complete on the link's event loop";
    if (closing) {
      // The link closed while this handshake was in flight; its socket goes at once.
      ws.close((short) CloseCode.GOING_AWAY.code(), "agent shutting down");
      return;
    }
    if (ws.isClosed()) {
      // Vert.x refuses handlers on a closed socket; the Backend hung up right after accepting.
      retry("the Backend closed the connection right after accepting it", false);
      return;
    }
    refused.reset();
    connectedAt = System.nanoTime();
    metrics.connected();
    session = new LinkSession(vertx, loop, ws, queue, codec, config, metrics, this::onEnded);
    session.open();
  }

  private void onConnectFailed(Throwable cause) {
    if (closing) {
      return;
    }
    if (cause instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
      retry("the Backend refused this agent's token (HTTP 401)", true);
    } else if (cause instanceof UpgradeRejectedException rejected) {
      retry("the Backend rejected the connection with HTTP " + rejected.getStatus(), false);
    } else {
      retry("could not connect to the Backend at " + config.endpoint() + ": "
          + LinkSession.describe(cause), false);
    }
  }

  private void onEnded(LinkSession ended, LinkSession.Ending ending) {
    assert onLoop() : "sessions end on the link's event loop";
    if (ended != session) {
      return;
    }
    session = null;
    detach();
    if (closing) {
      return;
    }
    if (System.nanoTime() - connectedAt >= config.healthyAfter().toNanos()) {
      reconnect.reset();
    }
    retry(ending.reason(), ending.refused());
  }

  /** Schedules the next attempt; {@code slow} picks the backoff for refusals. */
  private void retry(String reason, boolean slow) {
    metrics.failed(reason);
    metrics.reconnectScheduled();
    Duration delay = (slow ? refused : reconnect).next();
    log.warn("{}; retrying in {} ms", reason, delay.toMillis());
    retryTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> connect());
  }

  /** Stops the queue feeding an outbox nobody drains, so it holds no memory while we retry. */
  private void detach() {
    queue.attach(DeltaSink.NONE).whenComplete((status, error) -> {
      if (error != null) {
        // A closed queue feeds nobody anyway.
        log.debug("detaching from the queue failed: {}", LinkSession.describe(error));
      }
    });
  }

  private void shutdown() {
    if (closing) {
      return;
    }
    closing = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    LinkSession current = session;
    session = null;
    Future<Void> sessionClosed = current == null ? Future.succeededFuture() : current.shutdown();
    sessionClosed
        .compose(v -> client.close())
        .onComplete(result -> {
          if (result.failed()) {
            // The client's sockets are gone with it; there is nothing left to release.
            log.debug("closing the WebSocket client failed: {}",
                LinkSession.describe(result.cause()));
          }
          detach();
          metrics.failed("the link was closed");
          log.info("link to the Backend closed");
          closed.complete(null);
        });
  }

  private boolean onLoop() {
    return loop.inEventLoop();
  }

  static WebSocketClientOptions clientOptions(LinkConfig config) {
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setName("octokube-agent-link")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
        .setClosingTimeout(CLOSING_TIMEOUT_SECONDS);
    if (config.tls()) {
      options.setSsl(true).setVerifyHost(true);
      if (config.caFile() != null) {
        // Only the configured CA: a PEM trust option replaces the JVM's default trust store.
        options.setTrustOptions(new PemTrustOptions().addCertPath(config.caFile().toString()));
      }
    }
    return options;
  }
}
