package app.octokube.bench.fanout;

import app.octokube.bench.suite.ScenarioFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Many client streams on one Vert.x, each authenticated with its user's API token and subscribed
 * to the pods of cluster {@code c1}. They read frames as they come, without assembling messages or
 * parsing objects: a message's kind and epoch come from its first frame, and each change of a delta
 * is found by the send-time annotation its object carries ({@link PodJson#MARKER}), which gives its
 * latency. So a client costs the load generator little per delivery.
 *
 * <p>A client is fast (reads at once), slow (reads about {@value #SLOW_BYTES_PER_SECOND} bytes a
 * second through {@code pause}/{@code fetch}, so the Backend's socket fills) or stalled (stops
 * reading altogether); slow and stalled clients read at full speed until {@link #throttle()}, and
 * have a small socket receive buffer ({@link #RECEIVE_BUFFER}).
 */
final class StreamClients implements AutoCloseable {
  static final int SLOW_BYTES_PER_SECOND = 10 * 1024;
  /** Where in {@link PodJson#MARKER} its rarest byte is: the slash of {@code octokube.bench/sent}. */
  private static final int MARKER_ANCHOR = indexOf(PodJson.MARKER, (byte) '/');
  /**
   * The socket receive buffer of slow and stalled clients. Loopback lets the kernel grow a
   * receive buffer to tens of MiB, which would hide a slow reader from the Backend for minutes; a
   * slow client over a real network has a window of this order.
   */
  static final int RECEIVE_BUFFER = 64 * 1024;

  enum Mode { FAST, SLOW, STALLED }

  private final Vertx vertx;
  private final WebSocketClient client;
  private final WebSocketClient smallWindow;
  private final List<Client> clients = new ArrayList<>();
  private final LatencyHistogram[] histogram = {new LatencyHistogram()};
  private final LongAdder fastDeliveries = new LongAdder();
  private final AtomicInteger closed = new AtomicInteger();
  private volatile long recordFrom = Long.MAX_VALUE;

  StreamClients(Vertx vertx, int connections) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient(options(connections));
    this.smallWindow = vertx.createWebSocketClient(options(connections).setReceiveBufferSize(RECEIVE_BUFFER));
  }

  private static WebSocketClientOptions options(int connections) {
    return new WebSocketClientOptions().setMaxConnections(connections + 16).setMaxFrameSize(4 << 20)
        .setClosingTimeout(1).setConnectTimeout(20_000);
  }

  /** One client's stream. Its fields are written on its event loop and read by the scenario. */
  final class Client {
    final int index;
    final int accessClass;
    final Mode mode;
    private ClientWebSocket socket;
    private volatile long deliveries;
    private volatile long bytes;
    private volatile String liveEpoch;
    private volatile long liveAt;
    private volatile int snapshots;
    private volatile Short closeStatus;
    private char op;
    private String messageEpoch;
    private boolean throttled;

    Client(int index, int accessClass, Mode mode) {
      this.index = index;
      this.accessClass = accessClass;
      this.mode = mode;
    }

    long deliveries() {
      return deliveries;
    }

    long bytes() {
      return bytes;
    }

    /** The epoch of the last complete snapshot, or null. */
    String liveEpoch() {
      return liveEpoch;
    }

    /** When the last snapshot completed (System.nanoTime()). */
    long liveAt() {
      return liveAt;
    }

    int snapshots() {
      return snapshots;
    }

    Short closeStatus() {
      return closeStatus;
    }

    private void onFrame(WebSocketFrame frame) {
      Buffer data = frame.binaryData();
      bytes += data.length();
      if (frame.type() == WebSocketFrameType.TEXT) {
        // {"op":"delta"…, {"op":"snapshot"…: the eighth byte tells the kind.
        op = data.length() > 7 ? (char) data.getByte(7) : '?';
        messageEpoch = op == 's' ? field(data, "\"epoch\":\"") : null;
      }
      if (op == 'd') {
        countChanges(data);
      }
      if (frame.isFinal()) {
        if (op == 's') {
          snapshots++;
          liveEpoch = messageEpoch;
          liveAt = System.nanoTime();
        }
        op = 0;
      }
      if (throttled && mode == Mode.SLOW) {
        long millis = Math.max(1, data.length() * 1000L / SLOW_BYTES_PER_SECOND);
        vertx.setTimer(millis, id -> socket.fetch(1));
      }
    }

    /** Counts the changes in a delta's bytes by their send-time annotation; records fast ones' latency. */
    private void countChanges(Buffer data) {
      byte[] marker = PodJson.MARKER;
      // One copy, then plain array reads: a buffer's bounds-checked getByte per byte was most of
      // the load generator's CPU, and made the generator, not the Backend, set the top rate.
      byte[] bytes = data.getBytes();
      int length = bytes.length;
      long now = System.nanoTime();
      int found = 0;
      outer:
      for (int i = 0; i + marker.length < length; i++) {
        // The marker's rare byte first ('/'), then the rest of it around that.
        if (bytes[i + MARKER_ANCHOR] != marker[MARKER_ANCHOR]) {
          continue;
        }
        for (int j = 0; j < marker.length; j++) {
          if (bytes[i + j] != marker[j]) {
            continue outer;
          }
        }
        long sent = 0;
        int at = i + marker.length;
        for (byte b; at < length && (b = bytes[at]) != '"'; at++) {
          sent = sent * 10 + (b - '0');
        }
        found++;
        if (mode == Mode.FAST && sent >= recordFrom) {
          histogram[0].recordNanos(now - sent);
        }
        i = at;
      }
      if (found > 0) {
        deliveries += found;
        if (mode == Mode.FAST) {
          fastDeliveries.add(found);
        }
      }
    }
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + (char) value + " in the marker");
  }

  private static String field(Buffer head, String name) {
    String text = head.getString(0, Math.min(head.length(), 400), StandardCharsets.UTF_8.name());
    int at = text.indexOf(name);
    if (at < 0) {
      return null;
    }
    int from = at + name.length();
    return text.substring(from, text.indexOf('"', from));
  }

  /**
   * Opens a stream for each client (at most 32 handshakes at once) and subscribes it; waits until
   * every one has its first snapshot.
   *
   * @throws ScenarioFailure if that takes longer than {@code seconds}
   */
  void connect(int port, BenchPolicy policy, List<Mode> modes, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (int i = 0; i < modes.size(); i++) {
      clients.add(new Client(i, policy.classOf(i), modes.get(i)));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < 32; lane++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(ignored -> connectNext(port, policy, next, failures, done));
      lanes.add(done.future());
    }
    try {
      Future.all(lanes).toCompletionStage().toCompletableFuture()
          .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ScenarioFailure("the Backend did not accept " + clients.size() + " client streams within "
          + seconds + " s (" + failures.get() + " refused)");
    }
    if (failures.get() > 0) {
      throw new ScenarioFailure("the Backend refused " + failures.get() + " of " + clients.size() + " client streams");
    }
    awaitUntil(() -> clients.stream().allMatch(c -> c.snapshots() >= 1), deadline,
        () -> "clients did not all get their first snapshot within " + seconds + " s ("
            + clients.stream().filter(c -> c.snapshots() >= 1).count() + " of " + clients.size() + ")");
  }

  private void connectNext(int port, BenchPolicy policy, AtomicInteger next, AtomicInteger failures,
      Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= clients.size()) {
      done.complete();
      return;
    }
    Client c = clients.get(i);
    ClientWebSocket ws = (c.mode == Mode.FAST ? client : smallWindow).webSocket();
    ws.frameHandler(c::onFrame);
    ws.exceptionHandler(failure -> { });
    ws.closeHandler(ignored -> {
      c.closeStatus = ws.closeStatusCode();
      closed.incrementAndGet();
    });
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/api/v1/stream")
            .setAllowOriginHeader(false).putHeader("Authorization", "Bearer " + policy.token(i)))
        .onComplete(result -> {
          if (result.succeeded()) {
            c.socket = ws;
            ws.writeTextMessage("{\"op\":\"subscribe\",\"cluster\":\"c1\",\"resource\":\"pods\"}");
          } else {
            failures.incrementAndGet();
          }
          connectNext(port, policy, next, failures, done);
        });
  }

  /** Slow clients start reading slowly, stalled ones stop reading. */
  void throttle() {
    for (Client c : clients) {
      if (c.mode != Mode.FAST && c.socket != null) {
        ClientWebSocket ws = c.socket;
        vertx.runOnContext(ignored -> {
          // Runs on a loop of this Vert.x; the socket's own handlers may run on another, which is
          // why pause and fetch (thread-safe in Vert.x) are all that is touched here.
          c.throttled = true;
          ws.pause();
          if (c.mode == Mode.SLOW) {
            ws.fetch(1);
          }
        });
      }
    }
  }

  /** Latencies of fast clients' changes sent from now on go to a fresh histogram. */
  void recordFrom(long nanoTime) {
    histogram[0] = new LatencyHistogram();
    recordFrom = nanoTime;
  }

  LatencyHistogram histogram() {
    return histogram[0];
  }

  /** Changes received so far by fast clients. */
  long fastDeliveries() {
    return fastDeliveries.sum();
  }

  List<Client> all() {
    return clients;
  }

  int closedCount() {
    return closed.get();
  }

  /** Waits until {@code condition} holds, polling every 20 ms, or fails with {@code why} at the deadline. */
  static void awaitUntil(BooleanSupplier condition, long deadlineNanos, java.util.function.Supplier<String> why)
      throws InterruptedException {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new ScenarioFailure(why.get());
      }
      Thread.sleep(20);
    }
  }

  /** Waits until {@code condition} holds or the deadline passes; returns whether it held. */
  static boolean waitFor(BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    try {
      Future.all(client.close(), smallWindow.close()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Best effort: the Vert.x these clients run on is closed after them.
    }
  }
}
