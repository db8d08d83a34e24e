package app.octokube.backend.server;

import app.octokube.backend.stream.ClientSession;
import app.octokube.backend.stream.MessageSink;
import app.octokube.backend.stream.OutboundMessage;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.backend.stream.StreamMetrics;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Decoded;
import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket of one client stream. Reads frames on the connection's event loop, one at a time:
 * a text message (possibly fragmented) is gathered up to {@link StreamLimits#maxRequestBytes()},
 * rate-limited, decoded and handed to the {@link ClientSession}; writes what the session's outbox
 * gives it, from any thread, as one text message per {@link OutboundMessage}: one frame when it
 * fits in {@link StreamLimits#outboundFrameBytes()}, else a head frame and continuation frames.
 *
 * <p>Rules: a message over the size limit is discarded as it arrives and answered
 * {@code too-large}; one that fails to decode is answered with the codec's code; the stream stays
 * up, unless {@link StreamLimits#maxConsecutiveBadFrames()} such frames come in a row
 * (POLICY_VIOLATION). A request beyond the rate is dropped and answered {@code rate-limited}; too
 * many in a row close with RATE_LIMITED. A binary frame closes with POLICY_VIOLATION. The Backend
 * pings every {@link StreamLimits#pingInterval()} and closes (1001, "idle timeout") a client
 * silent for {@link StreamLimits#idleTimeout()}.
 */
final class ClientConnection implements MessageSink {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
  private static final Buffer PING = Buffer.buffer("octokube");

  private final ServerWebSocket socket;
  private final Vertx vertx;
  /** The socket's event loop, where gathered deltas are written. */
  private final Context context;
  private final Codec codec;
  private final StreamLimits limits;
  private final StreamMetrics metrics;
  private final TokenBucket bucket;
  private ClientSession session;
  private Buffer message;
  private boolean oversized;
  private int badFrames;
  private int rateLimited;
  private boolean closing;
  private long lastHeard = System.nanoTime();
  private long heartbeat;

  ClientConnection(ServerWebSocket socket, Vertx vertx, Codec codec, StreamLimits limits, StreamMetrics metrics) {
    this.socket = socket;
    this.vertx = vertx;
    // Built on the socket's own event loop (the handshake's callback): its context.
    this.context = vertx.getOrCreateContext();
    this.codec = codec;
    this.limits = limits;
    this.metrics = metrics;
    this.bucket = new TokenBucket(limits.requestsPerSecond(), limits.requestBurst(), System::nanoTime);
  }

  /** Starts the stream for {@code session}; {@code onClose} runs once when the socket closed. */
  void start(ClientSession session, Runnable onClose) {
    this.session = session;
    socket.frameHandler(this::onFrame);
    socket.exceptionHandler(failure ->
        log.debug("stream {}: connection error {}", session.id(), failure.getClass().getSimpleName()));
    socket.closeHandler(closed -> {
      vertx.cancelTimer(heartbeat);
      session.closed();
      onClose.run();
    });
    heartbeat = vertx.setPeriodic(limits.pingInterval().toMillis(), id -> beat());
    session.start();
  }

  private void onFrame(WebSocketFrame frame) {
    lastHeard = System.nanoTime();
    if (closing) {
      // Frames already in flight when the stream was closed for cause are not read.
      return;
    }
    switch (frame.type()) {
      case TEXT -> {
        message = Buffer.buffer();
        oversized = false;
        gather(frame);
      }
      case CONTINUATION -> {
        if (message != null) {
          gather(frame);
        }
      }
      case BINARY -> {
        log.info("stream {}: binary frame; closing", session.id());
        closing = true;
        session.close(CloseCode.POLICY_VIOLATION);
      }
      default -> {
        // Pings are answered by Vert.x; pongs and close frames only prove the peer is alive.
      }
    }
  }

  private void gather(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    metrics.clientBytesIn(data.length());
    if (!oversized && message.length() + data.length() > limits.maxRequestBytes()) {
      oversized = true;
      message = Buffer.buffer();
    }
    if (!oversized) {
      message.appendBuffer(data);
    }
    if (frame.isFinal()) {
      Buffer whole = message;
      message = null;
      onMessage(whole);
    }
  }

  private void onMessage(Buffer whole) {
    if (!bucket.tryTake()) {
      session.error(ErrorMessage.of(ErrorCode.RATE_LIMITED, "too many requests; this one was dropped"));
      if (++rateLimited >= limits.maxConsecutiveRateLimited()) {
        log.info("stream {}: kept exceeding its request rate; closing", session.id());
        closing = true;
        session.close(CloseCode.RATE_LIMITED);
      }
      return;
    }
    rateLimited = 0;
    if (oversized) {
      bad(ErrorMessage.of(ErrorCode.TOO_LARGE,
          "the frame is larger than the limit of " + limits.maxRequestBytes() + " bytes"));
      return;
    }
    Decoded<ClientRequest> decoded = codec.decodeClientRequest(whole.getBytes());
    if (decoded instanceof Decoded.Ok<ClientRequest> ok) {
      badFrames = 0;
      session.handle(ok.value());
    } else {
      Decoded.Failed<ClientRequest> failed = (Decoded.Failed<ClientRequest>) decoded;
      bad(ErrorMessage.of(failed.error().clientCode(), failed.error().message()));
    }
  }

  private void bad(ErrorMessage error) {
    session.error(error);
    if (++badFrames >= limits.maxConsecutiveBadFrames()) {
      log.info("stream {}: {} bad frames in a row; closing", session.id(), badFrames);
      closing = true;
      session.close(CloseCode.POLICY_VIOLATION);
    }
  }

  private void beat() {
    long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
    if (silentMillis > limits.idleTimeout().toMillis()) {
      log.info("stream {}: silent for {} ms; closing", session.id(), silentMillis);
      socket.close((short) CloseCode.GOING_AWAY.code(), "idle timeout");
    } else {
      socket.writePing(PING).onFailure(failure ->
          log.debug("stream {}: ping not written; the connection is closing", session.id()));
    }
  }

  @Override
  public Future<Void> write(OutboundMessage outbound) {
    Buffer body = outbound.body();
    if (body == null) {
      return socket.writeFinalTextFrame(outbound.head());
    }
    String head = outbound.head();
    int step = limits.outboundFrameBytes();
    if ((long) head.length() * 3 + body.length() <= step) {
      byte[] whole = whole(head, body);
      return socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(whole), true));
    }
    Future<Void> last = socket.writeFrame(WebSocketFrame.textFrame(head, false));
    for (int at = 0; at < body.length(); at += step) {
      int end = Math.min(body.length(), at + step);
      last = socket.writeFrame(WebSocketFrame.continuationFrame(body.slice(at, end), end == body.length()));
    }
    return last;
  }

  /**
   * The message's bytes in one array, for one frame: half the frames, writes and write futures of
   * a head frame and a body frame. One copy of the shared body, which the transport would copy
   * anyway; Vert.x's public API has no text frame of a buffer, and it copies a composite buffer
   * before writing it.
   */
  private static byte[] whole(String head, Buffer body) {
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] whole = new byte[headBytes.length + body.length()];
    System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
    body.getBytes(whole, headBytes.length);
    return whole;
  }

  @Override
  public void execute(Runnable task) {
    context.runOnContext(ignored -> task.run());
  }

  @Override
  public void close(CloseCode code) {
    if (!socket.isClosed()) {
      socket.close((short) code.code(), code.reason());
    }
  }
}
