package app.octokube.bench.fanout;

import app.octokube.bench.suite.ScenarioFailure;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fake Agent for the fan-out scenarios: it speaks the real Agent link protocol (hello, resume,
 * snapshot chunks, deltas; the real {@link Codec} for every message but snapshot chunks) over a
 * real WebSocket, and holds a hot state of pods across {@code classes} namespaces. Unlike the real
 * Agent it batches nothing (one change per version, sent at the rate asked), and it answers
 * snapshots from items it encoded once per state, so its own cost stays small beside the Backend's:
 * it is the load generator, not the system under test. Snapshot requests are served one after the
 * other, as the real Agent's session serves its commands.
 *
 * <p>Threading: everything runs on one Vert.x event-loop context; public methods hop onto it.
 */
final class LinkAgent implements AutoCloseable {
  static final ResourceName PODS = ResourceName.of("pods");
  /** Snapshot chunks hold about this many bytes of items, as the real Agent's do. */
  private static final int CHUNK_BYTES = 1 << 20;
  private static final Codec CODEC = new Codec();

  private final Vertx vertx;
  private final Context context;
  private final int port;
  private final String token;
  private final int classes;
  private final WebSocketClient client;
  private final SplittableRandom random = new SplittableRandom(7);
  private final AtomicInteger snapshotRequests = new AtomicInteger();
  /** Changes sent per namespace, readable from any thread. */
  private final AtomicLongArray sentPerClass;

  // Owned by the context.
  private byte[][] items;
  private String[] keys;
  private int podsPerClass;
  private List<Buffer> chunkItems;
  private ClientWebSocket socket;
  private volatile Epoch epoch;
  private long version;
  private boolean streamOpen;
  private final ArrayDeque<SnapshotRequest> requests = new ArrayDeque<>();
  private boolean serving;
  private long pacer = -1;
  private int nextClass;

  LinkAgent(Vertx vertx, int port, String token, int classes) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.port = port;
    this.token = token;
    this.classes = classes;
    this.sentPerClass = new AtomicLongArray(classes);
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 << 20).setClosingTimeout(1));
  }

  /**
   * Connects as a freshly started Agent: a new epoch, {@code podsPerClass} pods in each namespace,
   * and version 1 (the relist). Any earlier connection is closed first, as a restarted Agent's is.
   *
   * @return the System.nanoTime() at which the hello was sent
   */
  long start(int podsPerClass) {
    return call(() -> {
      Promise<Long> started = Promise.promise();
      Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
      closed.recover(failure -> Future.succeededFuture()).onComplete(ignored -> {
        socket = null;
        fill(podsPerClass);
        epoch = Epoch.random();
        version = 1;
        streamOpen = false;
        requests.clear();
        serving = false;
        ClientWebSocket ws = client.webSocket();
        ws.textMessageHandler(this::onCommand);
        ws.exceptionHandler(failure -> { });
        ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/agent/v1/connect")
                .setAllowOriginHeader(false).putHeader("Authorization", "Bearer " + token))
            .onSuccess(connected -> {
              socket = ws;
              long at = System.nanoTime();
              send(CODEC.encode(new AgentHello(epoch, Version.of(version), Version.of(version), List.of(PODS), "bench")));
              started.complete(at);
            })
            .onFailure(started::fail);
      });
      return started.future();
    }, "the fake Agent's link to the Backend");
  }

  /** Builds the state: every pod's snapshot item, encoded once. */
  private void fill(int perClass) {
    podsPerClass = perClass;
    int total = perClass * classes;
    items = new byte[total][];
    keys = new String[total];
    for (int c = 0; c < classes; c++) {
      String namespace = BenchPolicy.namespace(c);
      for (int p = 0; p < perClass; p++) {
        int index = c * perClass + p;
        keys[index] = namespace + "/" + name(p);
        items[index] = item(keys[index], p, PodJson.of(namespace, p, 0, 0));
      }
    }
    chunkItems = null;
  }

  private static String name(int pod) {
    return "svc-" + (pod % 7) + "-7f9c8d6b5-" + pod;
  }

  private static byte[] item(String key, int pod, String object) {
    Map<String, String> labels = PodJson.labels(pod);
    return ("{\"key\":\"" + key + "\",\"labels\":{\"app\":\"" + labels.get("app")
        + "\",\"pod-template-hash\":\"" + labels.get("pod-template-hash") + "\"},\"object\":" + object + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The epoch of the current connection. */
  Epoch epoch() {
    return epoch;
  }

  /** Snapshot requests received since this agent was made, over every start. */
  int snapshotRequests() {
    return snapshotRequests.get();
  }

  /** Changes sent so far to the namespace of access class {@code c}. */
  long sent(int accessClass) {
    return sentPerClass.get(accessClass);
  }

  long sentTotal() {
    long total = 0;
    for (int c = 0; c < classes; c++) {
      total += sentPerClass.get(c);
    }
    return total;
  }

  /** Whether the Backend opened the delta stream (a resume or a snapshot request came). */
  boolean streamOpen() {
    return call(() -> Future.succeededFuture(streamOpen), "the fake Agent");
  }

  /**
   * Sends {@code perSecond} changes a second, namespaces in turn, each an update of a random pod
   * of its namespace, until {@link #stopPacing()}; the Backend is never waited for.
   */
  void pace(double perSecond) {
    call(() -> {
      stop();
      long start = System.nanoTime();
      long[] done = {0};
      // At most 50 ms worth at once: a timer that fell behind skips the backlog rather than burst
      // it, so the rate sent is at most the rate asked (the scenario counts what was sent).
      long burst = Math.max(1, (long) (perSecond / 20));
      pacer = vertx.setPeriodic(2, id -> {
        long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
        long n = due - done[0];
        if (n > burst) {
          done[0] = due - burst;
          n = burst;
        }
        for (long i = 0; i < n; i++) {
          sendChange();
        }
        done[0] += n;
      });
      return Future.succeededFuture(null);
    }, "the fake Agent");
  }

  void stopPacing() {
    call(() -> {
      stop();
      return Future.succeededFuture(null);
    }, "the fake Agent");
  }

  private void stop() {
    if (pacer >= 0) {
      vertx.cancelTimer(pacer);
      pacer = -1;
    }
  }

  /** Sends {@code count} changes at once. */
  void sendChanges(int count) {
    call(() -> {
      for (int i = 0; i < count; i++) {
        sendChange();
      }
      return Future.succeededFuture(null);
    }, "the fake Agent");
  }

  private void sendChange() {
    if (socket == null || !streamOpen) {
      return;
    }
    int c = nextClass;
    nextClass = (nextClass + 1) % classes;
    int pod = random.nextInt(podsPerClass);
    int index = c * podsPerClass + pod;
    String namespace = BenchPolicy.namespace(c);
    version++;
    String object = PodJson.of(namespace, pod, System.nanoTime(), version);
    items[index] = item(keys[index], pod, object);
    chunkItems = null;
    Map<String, String> labels = PodJson.labels(pod);
    Change change = Change.upsert(PODS, ObjectKey.of(keys[index]), labels, RawJson.of(object),
        new Change.Previous(labels));
    send(CODEC.encode(new AgentDelta(epoch, Version.of(version), List.of(change))));
    sentPerClass.incrementAndGet(c);
  }

  private void onCommand(String text) {
    AgentCommand command = CODEC.decodeAgentCommand(text).orElseThrow();
    if (command instanceof ResumeRequest resume) {
      if (resume.epoch().equals(epoch) && resume.after().value() == version && !streamOpen) {
        streamOpen = true;
        send(CODEC.encode(new ResumeAccepted(epoch, resume.after())));
      } else {
        send(CODEC.encode(new ResumeTooOld(epoch, resume.after(), Version.of(version))));
      }
    } else if (command instanceof SnapshotRequest request) {
      snapshotRequests.incrementAndGet();
      streamOpen = true;
      requests.add(request);
      serveNext();
    }
  }

  /** Serves the oldest waiting request, chunk by chunk as the socket takes them. */
  private void serveNext() {
    if (serving || requests.isEmpty() || socket == null) {
      return;
    }
    serving = true;
    SnapshotRequest request = requests.poll();
    if (chunkItems == null) {
      chunkItems = chunk();
    }
    String head = "{\"op\":\"snapshot-chunk\",\"requestId\":\"" + request.requestId() + "\",\"resource\":\"pods\","
        + "\"epoch\":\"" + epoch.value() + "\",\"version\":" + version + ",\"items\":";
    writeChunks(socket, head, chunkItems, 0);
  }

  /**
   * Writes chunks from {@code from} on, each as its small head (which names the request) and its
   * items, encoded once per state, as a continuation frame: one text message to the Backend.
   */
  private void writeChunks(ClientWebSocket ws, String head, List<Buffer> chunks, int from) {
    int at = from;
    while (at < chunks.size()) {
      if (ws != socket) {
        return;
      }
      ws.writeFrame(WebSocketFrame.textFrame(head, false));
      ws.writeFrame(WebSocketFrame.continuationFrame(chunks.get(at), true));
      at++;
      if (ws.writeQueueFull() && at < chunks.size()) {
        int next = at;
        ws.drainHandler(drained -> {
          ws.drainHandler(null);
          writeChunks(ws, head, chunks, next);
        });
        return;
      }
    }
    serving = false;
    serveNext();
  }

  /** Each chunk after its head: {@code [item,item,…],"last":…&#125;}, about {@link #CHUNK_BYTES}. */
  private List<Buffer> chunk() {
    List<Buffer> chunks = new ArrayList<>();
    Buffer current = Buffer.buffer(CHUNK_BYTES + 4096).appendByte((byte) '[');
    int inChunk = 0;
    for (byte[] item : items) {
      if (inChunk > 0 && current.length() + item.length > CHUNK_BYTES) {
        chunks.add(current.appendString("],\"last\":false}"));
        current = Buffer.buffer(CHUNK_BYTES + 4096).appendByte((byte) '[');
        inChunk = 0;
      }
      if (inChunk > 0) {
        current.appendByte((byte) ',');
      }
      current.appendBytes(item);
      inChunk++;
    }
    chunks.add(current.appendString("],\"last\":true}"));
    return chunks;
  }

  private void send(byte[] frame) {
    socket.writeTextMessage(new String(frame, StandardCharsets.UTF_8));
  }

  /** Runs {@code body} on the agent's context and waits up to 30 s for its result. */
  private <T> T call(java.util.function.Supplier<Future<T>> body, String what) {
    Promise<T> result = Promise.promise();
    context.runOnContext(ignored -> {
      try {
        body.get().onComplete(result);
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    try {
      return result.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ScenarioFailure(what + " did not come up within 30 s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ScenarioFailure(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScenarioFailure("interrupted while waiting for " + what, e);
    }
  }

  @Override
  public void close() {
    try {
      call(() -> {
        stop();
        Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
        socket = null;
        return closed.recover(failure -> Future.succeededFuture()).compose(v -> client.close());
      }, "closing the fake Agent");
    } catch (ScenarioFailure e) {
      // Closing is best effort: Vert.x itself is closed after the agent.
    }
  }
}
