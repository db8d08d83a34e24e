package app.octokube.backend.stream;

import app.octokube.protocol.CodecLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the client streams and of the fan-out. Every number has a default chosen for a
 * team of a few hundred engineers on one Backend; {@link #DEFAULTS} holds them.
 *
 * @param maxRequestBytes the largest client frame read: by default the codec's
 *     {@link CodecLimits#CLIENT_REQUESTS}, 1 MiB. A request is a hundred bytes; a larger frame is
 *     answered {@code too-large} and the connection stays up.
 * @param maxConnectionsPerUser open streams one user may hold at once (default 16: a few browser
 *     tabs and scripts); one more is refused at the handshake with HTTP 429
 * @param maxSubscriptionsPerConnection subscriptions one stream may hold (default 256, more than
 *     the resource types of a large cluster); one more is answered {@code too-many-subscriptions}
 * @param requestsPerSecond the steady rate of requests a stream may send (default 50/s)
 * @param requestBurst how many requests may come at once on top of that rate (default 200: a
 *     client resubscribing everything after a reconnection)
 * @param maxConsecutiveRateLimited requests in a row refused as {@code rate-limited} before the
 *     stream is closed with RATE_LIMITED (default 20)
 * @param maxConsecutiveBadFrames frames in a row that fail to decode before the stream is closed
 *     with POLICY_VIOLATION (default 20)
 * @param clientBufferBytes what one client may have queued and not yet written, in bytes
 *     (default 4 MiB); past it the Backend drops that client's pending data for the cluster at
 *     fault and repairs it with snapshots once the client reads again
 * @param writeHighWaterBytes bytes written to a client's socket and not yet taken by the kernel
 *     above which the client counts as not writable and its messages queue, where its deltas merge
 *     (default 256 KiB: beyond the kernel's own socket buffer, which grows to megabytes for a
 *     distant client, this is what a slow client costs the Backend before merging starts)
 * @param socketUnsentBytes bytes the kernel may hold for a client that it has not yet sent
 *     (TCP_NOTSENT_LOWAT; default 128 KiB). Unbounded, a socket whose reader stalls takes
 *     megabytes before it pushes back (Linux grows the send buffer up to {@code tcp_wmem}'s
 *     maximum, 4 MiB by default), and for all that time the Backend writes every delta to it as if
 *     it kept up: at 100 KB/s it starts merging a stalled client's deltas only tens of seconds later. The
 *     bound limits what waits unsent, not what is in flight, so a fast distant client keeps its
 *     full window. Set with Netty's native transport on Linux ({@code BackendServer}); elsewhere
 *     the kernel's own limit holds
 * @param maxOverflows overflows within {@code overflowWindow} after which the client is closed
 *     with SLOW_CONSUMER (default 3 in 60 s)
 * @param overflowWindow see {@code maxOverflows}
 * @param idleFlush how long an unsent range of versions with nothing for a client may wait before
 *     it is sent on its own, so idle clients still advance (default 1 s)
 * @param pingInterval how often the Backend pings a client (default 15 s)
 * @param idleTimeout a client from which nothing arrived for this long, pongs included, is closed
 *     (default 45 s: three pings unanswered)
 * @param snapshotTimeout how long a snapshot request to an Agent may take before it is asked
 *     again (default 120 s; 150,000 objects take a few seconds)
 * @param maxCatchUpBytes the changes one in-flight snapshot request may hold for the versions
 *     that arrive while it is answered (default 64 MiB); past it the request starts over
 * @param outboundFrameBytes the largest WebSocket frame the Backend writes; larger messages are
 *     fragmented (default 1 MiB)
 * @param baseline {@link Baseline#PRODUCT} always, except in benchmarks that measure the Backend
 *     without one of its features (see {@link Baseline}); no command line or file sets it
 */
public record StreamLimits(
    int maxRequestBytes,
    int maxConnectionsPerUser,
    int maxSubscriptionsPerConnection,
    double requestsPerSecond,
    int requestBurst,
    int maxConsecutiveRateLimited,
    int maxConsecutiveBadFrames,
    long clientBufferBytes,
    long writeHighWaterBytes,
    int socketUnsentBytes,
    int maxOverflows,
    Duration overflowWindow,
    Duration idleFlush,
    Duration pingInterval,
    Duration idleTimeout,
    Duration snapshotTimeout,
    long maxCatchUpBytes,
    int outboundFrameBytes,
    Baseline baseline) {

  private static final int MIB = 1 << 20;
  private static final int DEFAULT_SOCKET_UNSENT_BYTES = 128 * 1024;

  /**
   * Switches that turn off one feature of the fan-out, for benchmarks only ({@code octokube
   * bench} measures each feature against the Backend without it, in the same run). Every switch
   * is off in {@link #PRODUCT}, which every real configuration uses; none is exposed on the
   * command line or in a file.
   *
   * @param encodePerClient filter and encode every delta for every client separately, instead of
   *     once per access class ({@code DeltaFanout})
   * @param noSnapshotDedup ask the Agent for a snapshot of its own for every subscribe or resync,
   *     instead of one request per resource that every waiting client joins ({@code SnapshotRounds})
   * @param unboundedWrites write every message to the client's socket at once, whatever is still
   *     unwritten: no high-water mark, no merging, no byte budget, no slow-consumer close
   *     ({@code ClientOutbox}); unwritten bytes then pile up in the transport's buffers
   */
  public record Baseline(boolean encodePerClient, boolean noSnapshotDedup, boolean unboundedWrites) {
    /** The product: every feature on. */
    public static final Baseline PRODUCT = new Baseline(false, false, false);

    /** Whether this is the product, every feature on. */
    public boolean isProduct() {
      return equals(PRODUCT);
    }
  }

  public static final StreamLimits DEFAULTS =
      new StreamLimits(
          CodecLimits.CLIENT_REQUESTS.maxBytes(),
          16,
          256,
          50,
          200,
          20,
          20,
          4L * MIB,
          256 * 1024,
          DEFAULT_SOCKET_UNSENT_BYTES,
          3,
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          Duration.ofSeconds(15),
          Duration.ofSeconds(45),
          Duration.ofSeconds(120),
          64L * MIB,
          MIB,
          Baseline.PRODUCT);

  /** The limits without a benchmark baseline, as every real configuration builds them. */
  public StreamLimits(int maxRequestBytes, int maxConnectionsPerUser, int maxSubscriptionsPerConnection,
      double requestsPerSecond, int requestBurst, int maxConsecutiveRateLimited, int maxConsecutiveBadFrames,
      long clientBufferBytes, long writeHighWaterBytes, int maxOverflows, Duration overflowWindow,
      Duration idleFlush, Duration pingInterval, Duration idleTimeout, Duration snapshotTimeout,
      long maxCatchUpBytes, int outboundFrameBytes) {
    this(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection, requestsPerSecond, requestBurst,
        maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes, writeHighWaterBytes,
        DEFAULT_SOCKET_UNSENT_BYTES, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, Baseline.PRODUCT);
  }

  public StreamLimits {
    positive(maxRequestBytes, "maxRequestBytes");
    positive(maxConnectionsPerUser, "maxConnectionsPerUser");
    positive(maxSubscriptionsPerConnection, "maxSubscriptionsPerConnection");
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    positive(requestBurst, "requestBurst");
    positive(maxConsecutiveRateLimited, "maxConsecutiveRateLimited");
    positive(maxConsecutiveBadFrames, "maxConsecutiveBadFrames");
    positive(clientBufferBytes, "clientBufferBytes");
    positive(writeHighWaterBytes, "writeHighWaterBytes");
    positive(socketUnsentBytes, "socketUnsentBytes");
    positive(maxOverflows, "maxOverflows");
    positive(overflowWindow, "overflowWindow");
    positive(idleFlush, "idleFlush");
    positive(pingInterval, "pingInterval");
    positive(idleTimeout, "idleTimeout");
    positive(snapshotTimeout, "snapshotTimeout");
    positive(maxCatchUpBytes, "maxCatchUpBytes");
    positive(outboundFrameBytes, "outboundFrameBytes");
    Objects.requireNonNull(baseline, "baseline");
  }

  /** These limits with a feature turned off, for a benchmark's baseline; see {@link Baseline}. */
  public StreamLimits withBaseline(Baseline newBaseline) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        writeHighWaterBytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, newBaseline);
  }

  public StreamLimits withOutboundFrameBytes(int bytes) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        writeHighWaterBytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, bytes, baseline);
  }

  public StreamLimits withClientBufferBytes(long bytes) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, bytes,
        writeHighWaterBytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withWriteHighWaterBytes(long bytes) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        bytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withSocketUnsentBytes(int bytes) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        writeHighWaterBytes, bytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withRequestRate(double perSecond, int burst) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection, perSecond,
        burst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes, writeHighWaterBytes,
        socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout, snapshotTimeout,
        maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withMaxRequestBytes(int bytes) {
    return new StreamLimits(bytes, maxConnectionsPerUser, maxSubscriptionsPerConnection, requestsPerSecond,
        requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes, writeHighWaterBytes,
        socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout, snapshotTimeout,
        maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withConnectionLimits(int perUser, int subscriptionsPerConnection) {
    return new StreamLimits(maxRequestBytes, perUser, subscriptionsPerConnection, requestsPerSecond, requestBurst,
        maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes, writeHighWaterBytes,
        socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout, snapshotTimeout,
        maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withSnapshotTimeout(Duration timeout) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        writeHighWaterBytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, pingInterval, idleTimeout,
        timeout, maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  public StreamLimits withHeartbeat(Duration ping, Duration idle) {
    return new StreamLimits(maxRequestBytes, maxConnectionsPerUser, maxSubscriptionsPerConnection,
        requestsPerSecond, requestBurst, maxConsecutiveRateLimited, maxConsecutiveBadFrames, clientBufferBytes,
        writeHighWaterBytes, socketUnsentBytes, maxOverflows, overflowWindow, idleFlush, ping, idle,
        snapshotTimeout, maxCatchUpBytes, outboundFrameBytes, baseline);
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
