package app.octokube.bench.cluster;

import app.octokube.protocol.Codec;
import app.octokube.protocol.Decoded;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ClusterInfo;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user of the Octokube Backend as the Web IDE is one: a WebSocket on {@code /api/v1/stream}
 * with a bearer token, a subscription per viewed resource, and the protocol's client rule applied
 * to every frame (docs/protocol.md): a snapshot replaces a resource's state, a delta applies when
 * it starts right after the local version, is ignored when already covered, and anything else is
 * a gap answered with a resync.
 *
 * <p>Each connection's frames arrive on its Vert.x event loop; the per-resource state is touched
 * only there. The counters may be read from any thread.
 */
final class StreamClient {
  /** Told of every object the client's state takes in, from a snapshot or a delta. */
  interface Applied {
    /**
     * @param object the projected object as received
     * @param nanos {@link System#nanoTime()} when the frame carrying it was applied
     */
    void upsert(String resource, RawJson object, long nanos);
  }

  private static final Codec CODEC = new Codec();

  private final String cluster;
  private final List<String> resources;
  private final Applied applied;
  private final Map<String, Held> held = new HashMap<>();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicInteger resyncs = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private volatile ClientWebSocket socket;
  private volatile Hello hello;

  /** What the client holds of one resource: its epoch and local version, null before a snapshot. */
  private static final class Held {
    String epoch;
    long version = -1;
  }

  StreamClient(String cluster, List<String> resources, Applied applied) {
    this.cluster = cluster;
    this.resources = List.copyOf(resources);
    this.applied = applied;
    for (String resource : resources) {
      held.put(resource, new Held());
    }
  }

  /** Connects with {@code token} and subscribes to every resource; completes when connected. */
  Future<Void> connect(WebSocketClient client, int port, String token) {
    return connectOnly(client, port, token).map(connected -> {
      for (String resource : resources) {
        send("subscribe", resource);
      }
      return null;
    });
  }

  /** Connects with {@code token} and subscribes to nothing: enough to read the hello. */
  Future<Void> connectOnly(WebSocketClient client, int port, String token) {
    ClientWebSocket ws = client.webSocket();
    socket = ws;
    ws.textMessageHandler(this::onFrame);
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/api/v1/stream")
        .setAllowOriginHeader(false).setTimeout(30_000).setConnectTimeout(30_000)
        .putHeader("Authorization", "Bearer " + token);
    return ws.connect(options).mapEmpty();
  }

  private void send(String op, String resource) {
    socket.writeTextMessage("{\"op\":\"" + op + "\",\"cluster\":\"" + cluster + "\",\"resource\":\"" + resource + "\"}");
  }

  private void onFrame(String text) {
    long now = System.nanoTime();
    Decoded<ServerMessage> decoded = CODEC.decodeServerMessage(text);
    if (!decoded.isOk()) {
      errors.incrementAndGet();
      return;
    }
    ServerMessage message = decoded.orElseThrow();
    if (message instanceof Hello h) {
      hello = h;
    } else if (message instanceof Snapshot snapshot) {
      onSnapshot(snapshot, now);
    } else if (message instanceof ClientDelta delta) {
      onDelta(delta, now);
    } else if (message instanceof ErrorMessage) {
      errors.incrementAndGet();
    }
  }

  private void onSnapshot(Snapshot snapshot, long now) {
    Held state = held.get(snapshot.resource().value());
    if (state == null) {
      return;
    }
    if (state.epoch == null) {
      live.incrementAndGet();
    }
    state.epoch = snapshot.epoch().value();
    state.version = snapshot.version().value();
    for (RawJson item : snapshot.items()) {
      applied.upsert(snapshot.resource().value(), item, now);
    }
  }

  private void onDelta(ClientDelta delta, long now) {
    for (Map.Entry<String, Held> entry : held.entrySet()) {
      Held state = entry.getValue();
      if (state.epoch == null || state.version < 0) {
        continue;
      }
      String resource = entry.getKey();
      if (!state.epoch.equals(delta.epoch().value())) {
        resync(resource, state);
      } else if (delta.from().value() == state.version + 1) {
        apply(resource, delta, now);
        state.version = delta.to().value();
      } else if (delta.to().value() > state.version) {
        resync(resource, state);
      }
    }
  }

  private void apply(String resource, ClientDelta delta, long now) {
    for (ClientChange change : delta.changes()) {
      if (change.resource().value().equals(resource)) {
        changes.incrementAndGet();
        if (change.object() != null) {
          applied.upsert(resource, change.object(), now);
        }
      }
    }
  }

  /** A gap: drop this resource's deltas until the snapshot asked for here replaces its state. */
  private void resync(String resource, Held state) {
    resyncs.incrementAndGet();
    state.version = -1;
    send("resync", resource);
  }

  /**
   * Whether the Backend's hello said the cluster is connected and serves every resource of this
   * client: subscribing earlier is answered {@code unknown-resource}.
   */
  boolean helloServesAll() {
    Hello h = hello;
    if (h == null) {
      return false;
    }
    for (ClusterInfo info : h.clusters()) {
      if (info.cluster().value().equals(cluster) && info.connected()) {
        return info.resources().stream().map(r -> r.value()).toList().containsAll(resources);
      }
    }
    return false;
  }

  /** Resources with a first snapshot. */
  int live() {
    return live.get();
  }

  boolean allLive() {
    return live.get() == resources.size();
  }

  long changesApplied() {
    return changes.get();
  }

  int resyncs() {
    return resyncs.get();
  }

  int errors() {
    return errors.get();
  }

  Future<Void> close() {
    ClientWebSocket ws = socket;
    return ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
  }
}
