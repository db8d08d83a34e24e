package app.octokube.backend.server;

import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import app.octokube.protocol.link.SnapshotRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An Agent for tests, speaking the link protocol with the real codec over a real WebSocket. It
 * keeps a small hot state (resource → key → item), numbers its changes, keeps every delta for
 * resumes, and answers snapshot requests from its state unless told to hold them.
 */
final class FakeAgent {
  private final Vertx vertx;
  private final int port;
  private final String token;
  private static final Codec CODEC = new Codec();
  private final Map<ResourceName, Map<ObjectKey, SnapshotItem>> state = new LinkedHashMap<>();
  private final List<AgentDelta> log = new ArrayList<>();
  private final List<AgentCommand> commands = new ArrayList<>();
  private final List<SnapshotRequest> held = new ArrayList<>();
  private Epoch epoch = Epoch.random();
  private long version;
  private boolean holdSnapshots;
  private boolean started;
  private boolean holdDeltas;
  private String failNext;
  private final List<AgentDelta> heldDeltas = new ArrayList<>();
  private long helloVersion;
  private WebSocketClient client;
  private WebSocket socket;
  private Short closeStatus;

  FakeAgent(Vertx vertx, int port, String token, String... resources) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    for (String resource : resources) {
      state.put(ResourceName.of(resource), new TreeMap<>());
    }
  }

  /** Connects and says hello. */
  FakeAgent connect() {
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20));
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/agent/v1/connect");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    // Handlers are set before connecting, so no frame can arrive before them.
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(this::onCommand);
    ws.closeHandler(closed -> {
      synchronized (this) {
        closeStatus = ws.closeStatusCode();
      }
    });
    await(ws.connect(options));
    synchronized (this) {
      socket = ws;
      started = false;
      helloVersion = version;
      send(new AgentHello(epoch, Version.of(version), Version.ZERO, List.copyOf(state.keySet()), "test"));
    }
    return this;
  }

  /** Connects and returns the failure (an UpgradeRejectedException for a refused handshake). */
  Throwable connectFailure() {
    try {
      connect();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  /** Starts over as a restarted Agent: new epoch, version 0, same objects. */
  FakeAgent restart() {
    disconnect();
    synchronized (this) {
      epoch = Epoch.random();
      version = 0;
      log.clear();
    }
    return this;
  }

  void disconnect() {
    WebSocket closing;
    synchronized (this) {
      closing = socket;
      socket = null;
    }
    if (closing != null) {
      // Outside the lock: the close handler takes it.
      await(closing.close());
    }
  }

  /** Adds or changes one object and sends the version. */
  synchronized long upsert(String resource, String key, Map<String, String> labels, String json) {
    return apply(upsertChange(resource, key, labels, json));
  }

  synchronized long delete(String resource, String key) {
    ResourceName name = ResourceName.of(resource);
    SnapshotItem before = state.get(name).get(ObjectKey.of(key));
    return apply(Change.delete(name, ObjectKey.of(key), before.labels()));
  }

  /** Several changes in one version. */
  synchronized long apply(Change... changes) {
    version++;
    for (Change change : changes) {
      Map<ObjectKey, SnapshotItem> objects = state.get(change.resource());
      if (change.object() == null) {
        objects.remove(change.key());
      } else {
        objects.put(change.key(), new SnapshotItem(change.key(), change.labels(), change.object()));
      }
    }
    AgentDelta delta = new AgentDelta(epoch, Version.of(version), List.of(changes));
    log.add(delta);
    if (holdDeltas) {
      heldDeltas.add(delta);
    } else if (socket != null && started) {
      send(delta);
    }
    return version;
  }

  /** A change against the current state, for {@link #apply}. */
  synchronized Change upsertChange(String resource, String key, Map<String, String> labels, String json) {
    ResourceName name = ResourceName.of(resource);
    SnapshotItem before = state.get(name).get(ObjectKey.of(key));
    return Change.upsert(name, ObjectKey.of(key), labels, RawJson.of(json),
        before == null ? null : new Change.Previous(before.labels()));
  }

  /**
   * Holds deltas back until {@link #releaseDeltas()}, while snapshots are still answered at the
   * current version: a snapshot then reaches the Backend before the deltas it already reflects.
   */
  synchronized void holdDeltas() {
    holdDeltas = true;
  }

  synchronized void releaseDeltas() {
    holdDeltas = false;
    heldDeltas.forEach(this::send);
    heldDeltas.clear();
  }

  /** The names of the objects of a resource whose namespace is one of these. */
  synchronized List<String> names(String resource, java.util.Set<String> namespaces) {
    return state.get(ResourceName.of(resource)).keySet().stream()
        .filter(key -> namespaces.contains(key.namespace()))
        .map(ObjectKey::name).sorted().toList();
  }

  /** Answers the next snapshot request with an error of this code. */
  synchronized void failNextSnapshot(String code) {
    failNext = code;
  }

  /** Holds snapshot requests until {@link #answerHeld()}. */
  synchronized void holdSnapshots(boolean hold) {
    holdSnapshots = hold;
  }

  /** Answers the held requests, at the current version. */
  synchronized void answerHeld() {
    for (SnapshotRequest request : held) {
      answer(request);
    }
    held.clear();
  }

  synchronized int snapshotRequests() {
    return (int) commands.stream().filter(SnapshotRequest.class::isInstance).count();
  }

  synchronized int resumeRequests() {
    return (int) commands.stream().filter(ResumeRequest.class::isInstance).count();
  }

  synchronized int heldRequests() {
    return held.size();
  }

  synchronized Short closeStatus() {
    return closeStatus;
  }

  synchronized Epoch epoch() {
    return epoch;
  }

  synchronized long version() {
    return version;
  }

  private synchronized void onCommand(String text) {
    AgentCommand command = CODEC.decodeAgentCommand(text).orElseThrow();
    commands.add(command);
    if (!started && command instanceof SnapshotRequest) {
      // Like the real Agent, no delta goes out before the Backend's first command.
      started = true;
      replayAfter(helloVersion);
    }
    if (command instanceof SnapshotRequest request) {
      if (failNext != null) {
        send(new AgentError(request.requestId(), failNext, "the test says no"));
        failNext = null;
      } else if (holdSnapshots) {
        held.add(request);
      } else {
        answer(request);
      }
    } else if (command instanceof ResumeRequest resume) {
      long after = resume.after().value();
      started = true;
      if (!resume.epoch().equals(epoch) || after > version) {
        send(new ResumeTooOld(epoch, resume.after(), Version.ZERO));
        replayAfter(helloVersion);
        return;
      }
      send(new ResumeAccepted(epoch, resume.after()));
      replayAfter(after);
    }
  }

  private void replayAfter(long after) {
    for (AgentDelta delta : log) {
      if (delta.version().value() > after) {
        send(delta);
      }
    }
  }

  /** Sends the snapshot in chunks of two items. */
  private void answer(SnapshotRequest request) {
    List<SnapshotItem> items = new ArrayList<>(state.get(request.resource()).values());
    int at = 0;
    do {
      int end = Math.min(items.size(), at + 2);
      send(new SnapshotChunk(request.requestId(), request.resource(), epoch, Version.of(version),
          List.copyOf(items.subList(at, end)), end == items.size()));
      at = end;
    } while (at < items.size());
  }

  private void send(Object message) {
    socket.writeTextMessage(CODEC.encodeToString(message));
  }

  /** Sends a raw text frame, for bad-input tests. */
  synchronized void sendRaw(String text) {
    socket.writeTextMessage(text);
  }

  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
