package app.octokube.agent.link;

import app.octokube.agent.engine.DeltaOutbox;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Codec;
import app.octokube.protocol.DecodeError;
import app.octokube.protocol.Decoded;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.SnapshotRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket to the Backend, from the hello to the close.
 *
 * <p><b>Order on the wire.</b> The hello comes first. Deltas are held until the Backend's first
 * command (it answers a hello with a resume or with snapshot requests, and a delta sent before
 * its resume would look like a gap). Commands are served one at a time, in the order received,
 * and no delta goes out while one is served: the chunks of a snapshot follow one another with no
 * other frame between them, and a {@link ResumeAccepted} comes right before the deltas it
 * announces. Deltas wait in the bounded outbox meanwhile.
 *
 * <p><b>Threading.</b> Everything here runs on the link's event loop. Results from the queue's
 * thread and from snapshot streamers hop onto it through {@link LinkLoop}; nothing here ever
 * runs on, or waits for, the queue's thread.
 */
final class LinkSession {
  private static final Logger log = LoggerFactory.getLogger(LinkSession.class);

  /** Why a session ended; {@code refused} asks the link for its slow backoff. */
  record Ending(String reason, boolean refused) {}

  /** Hears of the end of a session, once, on the event loop. */
  interface Listener {
    void ended(LinkSession session, Ending ending);
  }

  private final LinkLoop loop;
  private final WebSocket ws;
  private final ExecutionQueue queue;
  private final Codec codec;
  private final LinkConfig config;
  private final LinkMetrics metrics;
  private final Listener listener;
  private final DeltaOutbox outbox;
  private final DeltaPump pump;
  private final SnapshotServer snapshots;
  private final ResumeServer resumes;
  private final Heartbeat heartbeat;
  private final Deque<AgentCommand> commands = new ArrayDeque<>();
  /** The attach and hello are served like a command: commands received before wait for them. */
  private boolean serving = true;
  private boolean started;
  private boolean ended;

  LinkSession(Vertx vertx, LinkLoop loop, WebSocket ws, ExecutionQueue queue, Codec codec,
      LinkConfig config, LinkMetrics metrics, Listener listener) {
    this.loop = loop;
    this.ws = ws;
    this.queue = queue;
    this.codec = codec;
    this.config = config;
    this.metrics = metrics;
    this.listener = listener;
    // The outbox wakes the pump from the queue's thread: it only schedules it on the loop.
    this.outbox = new DeltaOutbox(config.outboxMaxDeltas(), config.outboxMaxBytes(),
        () -> loop.execute(this::drain));
    Socket socket = new Socket();
    this.pump = new DeltaPump(queue, outbox, codec, loop, metrics, socket);
    this.snapshots = new SnapshotServer(queue, codec, loop, socket);
    this.resumes = new ResumeServer(queue, outbox, pump, codec, loop, socket);
    this.heartbeat = new Heartbeat(vertx, config.heartbeatInterval(), config.heartbeatTimeout(),
        this::ping, this::halfOpen);
  }

  /** Installs the handlers, attaches to the queue and sends the hello. */
  void open() {
    assert loop.inEventLoop() : "a session opens on the link's event loop";
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(data -> {
      heartbeat.heard();
      refuse("a binary frame", "commands are JSON text frames");
    });
    ws.pongHandler(data -> heartbeat.heard());
    ws.drainHandler(v -> onDrain());
    ws.exceptionHandler(e -> end(new Ending("the connection failed: " + describe(e), false),
        CloseCode.INTERNAL_ERROR, CloseCode.INTERNAL_ERROR.reason()));
    ws.closeHandler(v -> onClosedByPeer());
    heartbeat.start();
    queue.attach(outbox).whenCompleteAsync(this::onAttached, loop);
  }

  private void onAttached(ExecutionQueue.Status status, Throwable error) {
    if (ended) {
      return;
    }
    if (error != null) {
      end(new Ending("the queue did not attach the link: " + describe(error), false),
          CloseCode.INTERNAL_ERROR, CloseCode.INTERNAL_ERROR.reason());
      return;
    }
    List<ResourceName> resources = status.resources().stream()
        .sorted(Comparator.comparing(ResourceName::value)).toList();
    send(codec.encode(new AgentHello(status.epoch(), Version.of(status.version()),
        Version.of(status.oldestReplayable()), resources, config.agentVersion())));
    log.info("connected to the Backend at {}: epoch {}, version {}, {} resource types",
        config.endpoint(), status.epoch(), status.version(), resources.size());
    commandDone();
  }

  private void onText(String text) {
    heartbeat.heard();
    Decoded<AgentCommand> decoded = codec.decodeAgentCommand(text);
    if (decoded instanceof Decoded.Failed<AgentCommand> failed) {
      DecodeError error = failed.error();
      refuse("a command that did not decode (" + error + ")", error.message());
      return;
    }
    commands.add(decoded.orElseThrow());
    serveNext();
  }

  /** Answers a frame the Agent cannot read; the link goes on. */
  private void refuse(String what, String message) {
    log.warn("the Backend sent {}; answered bad-request", what);
    send(codec.encode(new AgentError(null, "bad-request", message)));
  }

  private void serveNext() {
    if (serving || ended || commands.isEmpty()) {
      return;
    }
    serving = true;
    started = true;
    AgentCommand command = commands.poll();
    CompletableFuture<Void> served = command instanceof SnapshotRequest snapshot
        ? snapshots.serve(snapshot)
        : resumes.serve((ResumeRequest) command);
    served.whenCompleteAsync((v, error) -> {
      if (error != null && !ended) {
        end(new Ending("the Agent could not serve a " + command.getClass().getSimpleName() + ": "
            + describe(error), false), CloseCode.INTERNAL_ERROR, CloseCode.INTERNAL_ERROR.reason());
      }
      commandDone();
    }, loop);
  }

  private void commandDone() {
    serving = false;
    serveNext();
    drain();
  }

  private void onDrain() {
    if (!ended) {
      snapshots.writable();
      pump.drain();
    }
  }

  private void drain() {
    if (!ended) {
      pump.drain();
    }
  }

  private void send(byte[] frame) {
    assert loop.inEventLoop() : "only the link's event loop writes to the socket";
    metrics.frameSent(frame.length);
    // Vert.x builds text frames from strings; this decodes the UTF-8, it does not re-serialize.
    ws.writeTextMessage(new String(frame, StandardCharsets.UTF_8)).onFailure(e ->
        // The close handler ends the session; a write failing on a closing socket needs no more.
        log.debug("a frame was not written: {}", describe(e)));
  }

  private void ping() {
    ws.writePing(Buffer.buffer()).onFailure(e ->
        // A ping that cannot be written is a link that is closing; its close handler ends it.
        log.debug("ping not written: {}", describe(e)));
  }

  private void halfOpen() {
    end(new Ending("no frame from the Backend for " + heartbeat.silentMillis()
        + " ms: the link is half-open", false), CloseCode.GOING_AWAY, "heartbeat timeout");
  }

  private void onClosedByPeer() {
    Short code = ws.closeStatusCode();
    CloseCode known = code == null ? null : CloseCode.of(code).orElse(null);
    String reason;
    if (known == CloseCode.UNAUTHENTICATED) {
      reason = "the Backend refused this agent's token (close " + code + ")";
    } else if (known == CloseCode.REPLACED) {
      reason = "another agent connected for this cluster and replaced this one";
    } else if (code != null) {
      String said = ws.closeReason();
      reason = "the Backend closed the link (" + code
          + (said == null || said.isEmpty() ? "" : " " + said) + ")";
    } else {
      reason = "the connection to the Backend closed";
    }
    end(new Ending(reason, known == CloseCode.UNAUTHENTICATED || known == CloseCode.REPLACED),
        null, null);
  }

  /** Closes the socket with GOING_AWAY, for the link's own shutdown. */
  Future<Void> shutdown() {
    assert loop.inEventLoop() : "sessions end on the link's event loop";
    end(new Ending("the link was closed", false), null, null);
    if (ws.isClosed()) {
      return Future.succeededFuture();
    }
    return ws.close((short) CloseCode.GOING_AWAY.code(), "agent shutting down")
        // Shutting down goes on whether or not the close frame made it out.
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Ends the session once: stops the heartbeat, releases a snapshot streamer waiting on the
   * socket, closes the socket with {@code code} unless null (the peer closed it, or the caller
   * closes it), and tells the link.
   */
  private void end(Ending ending, CloseCode code, String closeReason) {
    assert loop.inEventLoop() : "sessions end on the link's event loop";
    if (ended) {
      return;
    }
    ended = true;
    heartbeat.stop();
    commands.clear();
    snapshots.abort(ending.reason());
    if (code != null && !ws.isClosed()) {
      ws.close((short) code.code(), closeReason).onFailure(e ->
          // The socket is going anyway; a failed close frame changes nothing for the link.
          log.debug("close frame not sent: {}", describe(e)));
    }
    listener.ended(this, ending);
  }

  /**
   * A failure in one line for a log: its message, then its root cause's when that says more
   * (a TLS failure's "Failed to create SSL connection" hides the certificate problem below).
   */
  static String describe(Throwable e) {
    Throwable top = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    Throwable root = top;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = messageOf(top);
    return root == top || messageOf(root).equals(text) ? text : text + ": " + messageOf(root);
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /**
   * What the pump and the snapshot server see of this session. The socket may be closed a moment
   * before its close handler ends the session, and Vert.x throws if asked whether a closed
   * socket's write queue is full: a closed socket counts as not open and full.
   */
  private final class Socket implements DeltaPump.Wire {
    @Override
    public boolean open() {
      return !ended && !ws.isClosed();
    }

    @Override
    public boolean flowing() {
      return started && !serving && open();
    }

    @Override
    public boolean full() {
      return ws.isClosed() || ws.writeQueueFull();
    }

    @Override
    public void send(byte[] frame) {
      LinkSession.this.send(frame);
    }

    @Override
    public void cannotRepair(String reason) {
      end(new Ending(reason + "; reconnecting so the Backend resyncs", false),
          CloseCode.GOING_AWAY, "resync: replay log too short");
    }
  }
}
