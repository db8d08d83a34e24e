package app.octokube.backend.agents;

import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Decoded;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentMessage;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket of one Agent: decodes its frames on the connection's event loop and hands the
 * messages, in order, to the cluster's {@link ClusterLink} on the cluster's owner; writes
 * commands; keeps the heartbeat (a ping every {@link LinkSettings#pingInterval()}, closed after
 * {@link LinkSettings#idleTimeout()} without any frame).
 *
 * <p>Backpressure: messages read but not yet taken by the hub are counted ({@link InboundGate});
 * past {@link LinkSettings#inboundHighWaterBytes()} the socket is paused, so TCP holds the Agent
 * back, and it resumes once the hub has taken half of that.
 *
 * <p>A frame that does not decode, or a binary frame, breaks the protocol: the connection is closed
 * with POLICY_VIOLATION. Log lines name the cluster and the error kind, never frame contents.
 */
final class AgentConnection implements AgentChannel {
  private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);
  private static final Buffer PING = Buffer.buffer("octokube");

  private final ServerWebSocket socket;
  private final ClusterLink link;
  private final Codec codec;
  private final LinkSettings settings;
  private final LinkMetrics metrics;
  private final InboundGate gate;
  private volatile long lastHeard = System.nanoTime();
  private long heartbeat;
  private Context reader;

  AgentConnection(
      ServerWebSocket socket, ClusterLink link, Codec codec, LinkSettings settings, LinkMetrics metrics) {
    this.gate = new InboundGate(settings.inboundHighWaterBytes());
    this.socket = socket;
    this.link = link;
    this.codec = codec;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Attaches to the link, then starts reading; runs on the connection's event loop. */
  void start() {
    Context current = Vertx.currentContext();
    reader = current != null ? current : link.owner().vertx().getOrCreateContext();
    link.owner().execute(() -> link.attach(this));
    socket.frameHandler(frame -> lastHeard = System.nanoTime());
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(binary -> {
      log.warn("cluster {}: agent sent a binary frame; closing", link.cluster());
      close(CloseCode.POLICY_VIOLATION);
    });
    socket.exceptionHandler(failure -> {
      // Vert.x reports an over-long message here and drops it; the history would have a hole.
      log.warn("cluster {}: agent connection failed: {}", link.cluster(), failure.getClass().getSimpleName());
      close(CloseCode.POLICY_VIOLATION);
    });
    socket.closeHandler(closed -> {
      link.owner().vertx().cancelTimer(heartbeat);
      link.owner().execute(() -> link.closed(this));
    });
    heartbeat = link.owner().vertx().setPeriodic(settings.pingInterval().toMillis(), id -> beat());
  }

  private void onText(String text) {
    metrics.agentBytesIn(text.length());
    Decoded<AgentMessage> decoded = codec.decodeAgentMessage(text);
    if (decoded instanceof Decoded.Ok<AgentMessage> ok) {
      AgentMessage message = ok.value();
      long size = text.length();
      if (gate.read(size)) {
        log.debug("cluster {}: the hub is {} bytes behind the agent; pausing the link", link.cluster(), gate.pending());
        metrics.agentLinkPaused();
        socket.pause();
      }
      link.owner().execute(() -> {
        try {
          link.received(this, message);
        } finally {
          if (gate.taken(size)) {
            reader.runOnContext(resume -> {
              if (gate.shouldResume()) {
                socket.resume();
              }
            });
          }
        }
      });
    } else {
      Decoded.Failed<AgentMessage> failed = (Decoded.Failed<AgentMessage>) decoded;
      log.warn("cluster {}: agent sent a frame that does not decode ({}); closing",
          link.cluster(), failed.error().kind());
      close(CloseCode.POLICY_VIOLATION);
    }
  }

  private void beat() {
    long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
    if (silentMillis > settings.idleTimeout().toMillis()) {
      log.warn("cluster {}: nothing from the agent for {} ms; closing", link.cluster(), silentMillis);
      socket.close((short) CloseCode.GOING_AWAY.code(), "idle timeout");
    } else {
      socket.writePing(PING).onFailure(failure ->
          log.debug("cluster {}: ping not written; the connection is closing", link.cluster()));
    }
  }

  @Override
  public void send(AgentCommand command) {
    String text = codec.encodeToString(command);
    metrics.agentBytesOut(text.length());
    socket.writeTextMessage(text).onFailure(failure ->
        log.debug("cluster {}: command not written; the connection is closing", link.cluster()));
  }

  @Override
  public void close(CloseCode code) {
    if (!socket.isClosed()) {
      socket.close((short) code.code(), code.reason());
    }
  }
}
