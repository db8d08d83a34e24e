package app.octokube.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small, fast apiserver stand-in that serves pods and nothing else, on 127.0.0.1 over plain
 * HTTP, for benchmarks that write to pods faster than fabric8's mock apiserver can take (the mock
 * runs a thread per watch and writes each event blocking; it answers some 340 to 940 merge
 * patches a second on two shared cores).
 *
 * <p>What it serves, as the Kubernetes API does:
 *
 * <ul>
 *   <li>{@code GET /api/v1/pods} and {@code /api/v1/namespaces/{ns}/pods}: every pod in one page
 *       (no {@code continue} token, which the API allows whatever {@code limit} asked), with the
 *       list's {@code metadata.resourceVersion};
 *   <li>the same with {@code watch=true}, over a chunked HTTP response (one WatchEvent a line) or
 *       a WebSocket (one a text message): every change after {@code resourceVersion} (all pods as
 *       ADDED first when it is empty or 0), BOOKMARKs when {@code allowWatchBookmarks=true}, and
 *       an ERROR event with a 410 {@code Status} when that resourceVersion is older than the
 *       bounded event log;
 *   <li>{@code GET} and {@code PATCH} ({@code application/merge-patch+json}, RFC 7386) of
 *       {@code /api/v1/namespaces/{ns}/pods/{name}}; a patch bumps the one global
 *       resourceVersion and is sent to every watch of its namespace;
 *   <li>a 404 {@code Status} for anything else, so that a client's discovery and its watches of
 *       other types get a clean "not served" (recorded in {@link #unmatched()}).
 * </ul>
 *
 * <p>Everything runs on one event loop of its own, so state needs no locks; a write is answered
 * after it has been queued to every watch, without waiting for any. Each watch has its own bounded
 * outbound buffer, and a watch whose buffer is full when the next event comes is closed, as the
 * real apiserver closes a watcher that cannot keep up ({@link #watchesDropped()}).
 */
public final class PodApiserver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodApiserver.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Events kept for watches that start from an older resourceVersion. */
  public static final int DEFAULT_LOG_EVENTS = 10_000;
  /** A watch's outbound buffer: about a thousand 14 KB pod events. */
  public static final int DEFAULT_WATCH_BUFFER_BYTES = 16 << 20;
  private static final long BOOKMARK_MILLIS = 5_000;
  private static final String PREFIX = "/api/v1/";

  private final Vertx vertx;
  private final HttpServer server;
  private final int logEvents;
  private final int watchBufferBytes;
  /** Pods by namespace/name, in order; touched only on the event loop. */
  private final Map<String, StoredPod> pods = new TreeMap<>();
  private final ArrayDeque<Event> log = new ArrayDeque<>();
  private final Set<Watch> watches = new LinkedHashSet<>();
  private final List<String> unmatched = new CopyOnWriteArrayList<>();
  private final AtomicLong patches = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long resourceVersion;
  private long bookmarkTimer;

  private record StoredPod(String namespace, String name, ObjectNode object, byte[] json) { }

  /** One change: its resourceVersion, namespace, and the WatchEvent line. */
  private record Event(long resourceVersion, String namespace, Line line) { }

  /** A WatchEvent's line, as bytes for HTTP watches and, made once when first needed, as text for WebSockets. */
  private static final class Line {
    final Buffer bytes;
    private String text;

    Line(Buffer bytes) {
      this.bytes = bytes;
    }

    String text() {
      if (text == null) {
        text = bytes.toString(StandardCharsets.UTF_8);
      }
      return text;
    }
  }

  private PodApiserver(Vertx vertx, int logEvents, int watchBufferBytes) {
    this.vertx = vertx;
    this.logEvents = logEvents;
    this.watchBufferBytes = watchBufferBytes;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketFrameSize(16 << 20).setMaxWebSocketMessageSize(64 << 20));
  }

  /**
   * Starts a stand-in serving {@code count} pods made by {@link RealisticPods} (spread over the
   * simulated cluster's namespaces and {@code nodes} nodes), with the default event log and watch
   * buffers.
   */
  public static PodApiserver start(int count, int nodes) {
    RealisticPods made = new RealisticPods(ClusterSeed.NAMESPACES.toArray(String[]::new), nodes);
    List<ObjectNode> seed = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      seed.add(made.pod(i, 0));
    }
    return start(seed, DEFAULT_LOG_EVENTS, DEFAULT_WATCH_BUFFER_BYTES);
  }

  /**
   * Starts a stand-in serving {@code seed} (pods with metadata.namespace and name; each is given
   * the next resourceVersion, 1 first), keeping the last {@code logEvents} changes for watches and
   * closing a watch with more than {@code watchBufferBytes} unsent.
   *
   * @throws IllegalStateException if it cannot bind within 10 s
   */
  public static PodApiserver start(List<ObjectNode> seed, int logEvents, int watchBufferBytes) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    PodApiserver api = new PodApiserver(vertx, logEvents, watchBufferBytes);
    for (ObjectNode pod : seed) {
      ObjectNode copy = pod.deepCopy();
      copy.put("kind", "Pod");
      copy.put("apiVersion", "v1");
      ObjectNode meta = copy.withObjectProperty("metadata");
      meta.put("resourceVersion", Long.toString(++api.resourceVersion));
      api.store(copy);
    }
    api.server.requestHandler(api::handle);
    try {
      api.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.runOnContext(v -> api.bookmarkTimer = vertx.setPeriodic(BOOKMARK_MILLIS, id -> api.bookmarks()));
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the pod apiserver did not start", e);
    }
    return api;
  }

  /** The base URL, {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  public int port() {
    return server.actualPort();
  }

  /** A new fabric8 client of this apiserver (ignoring any kubeconfig); the caller closes it. */
  public KubernetesClient client() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true)
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The API paths of every pod, {@code /api/v1/namespaces/NS/pods/NAME}, by namespace then name. */
  public List<String> podPaths() {
    return onLoop(() -> pods.values().stream()
        .map(p -> PREFIX + "namespaces/" + p.namespace() + "/pods/" + p.name()).toList());
  }

  /** Requests this stand-in answered 404 because it does not serve them, as "METHOD URI". */
  public List<String> unmatched() {
    return List.copyOf(unmatched);
  }

  /** Patches applied so far. */
  public long patches() {
    return patches.get();
  }

  /** Watches closed because they fell more than their buffer behind. */
  public long watchesDropped() {
    return dropped.get();
  }

  /** Watches open now. */
  public int watches() {
    return onLoop(watches::size);
  }

  private <T> T onLoop(java.util.function.Supplier<T> get) {
    try {
      java.util.concurrent.CompletableFuture<T> answer = new java.util.concurrent.CompletableFuture<>();
      // One event loop: every context of this Vert.x runs on the thread that owns the state.
      vertx.runOnContext(v -> answer.complete(get.get()));
      return answer.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the pod apiserver did not answer", e);
    }
  }

  // ---- routing

  private void handle(HttpServerRequest request) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {}", request.method(), request.uri());
    }
    String path = request.path();
    String[] parts = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/", -1) : new String[0];
    String namespace = null;
    String name = null;
    boolean pods = false;
    if (parts.length == 1 && parts[0].equals("pods")) {
      pods = true;
    } else if (parts.length >= 3 && parts[0].equals("namespaces") && parts[2].equals("pods") && parts.length <= 4
        && !parts[1].isEmpty()) {
      namespace = parts[1];
      name = parts.length == 4 && !parts[3].isEmpty() ? parts[3] : null;
      pods = parts.length == 3 || name != null;
    }
    if (!pods) {
      notServed(request);
      return;
    }
    switch (request.method().name()) {
      case "GET" -> {
        if (name != null) {
          get(request, namespace, name);
        } else if ("true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch"))) {
          watch(request, namespace);
        } else {
          list(request, namespace);
        }
      }
      case "PATCH" -> {
        String ns = namespace;
        String pod = name;
        if (pod == null) {
          status(request.response(), 405, "MethodNotAllowed", "the server does not allow this method");
        } else {
          request.body().onSuccess(body -> patch(request, ns, pod, body))
              .onFailure(e -> status(request.response(), 400, "BadRequest", "unreadable body: " + e.getMessage()));
        }
      }
      default -> status(request.response(), 405, "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
  }

  private void notServed(HttpServerRequest request) {
    String what = request.method().name() + " " + request.uri();
    unmatched.add(what);
    LOG.debug("not served: {}", what);
    status(request.response(), 404, "NotFound", "the server could not find the requested resource");
  }

  // ---- reads

  private void get(HttpServerRequest request, String namespace, String name) {
    StoredPod pod = pods.get(key(namespace, name));
    if (pod == null) {
      status(request.response(), 404, "NotFound", "pods \"" + name + "\" not found");
      return;
    }
    json(request.response(), 200).end(Buffer.buffer(pod.json()));
  }

  private void list(HttpServerRequest request, String namespace) {
    Buffer body = Buffer.buffer(256 + pods.size() * 16_384);
    body.appendString("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"")
        .appendString(Long.toString(resourceVersion)).appendString("\"},\"items\":[");
    boolean first = true;
    for (StoredPod pod : pods.values()) {
      if (namespace == null || namespace.equals(pod.namespace())) {
        if (!first) {
          body.appendByte((byte) ',');
        }
        body.appendBytes(pod.json());
        first = false;
      }
    }
    body.appendString("]}");
    json(request.response(), 200).end(body);
  }

  // ---- watches

  /** One open watch: where its events go, and what it asked for. */
  private abstract class Watch {
    final String namespace;
    final boolean bookmarks;
    boolean closed;

    Watch(String namespace, boolean bookmarks) {
      this.namespace = namespace;
      this.bookmarks = bookmarks;
    }

    boolean wants(Event event) {
      return namespace == null || namespace.equals(event.namespace());
    }

    /** Queues {@code line}, or closes this watch if its buffer is full. */
    void send(Line line) {
      if (closed) {
        return;
      }
      if (full()) {
        dropped.incrementAndGet();
        LOG.warn("closing a watch of pods that fell more than {} bytes behind", watchBufferBytes);
        close();
        return;
      }
      write(line);
    }

    void close() {
      if (!closed) {
        closed = true;
        watches.remove(this);
        end();
      }
    }

    abstract boolean full();

    abstract void write(Line line);

    abstract void end();
  }

  private final class HttpWatch extends Watch {
    final HttpServerResponse response;

    HttpWatch(HttpServerResponse response, String namespace, boolean bookmarks) {
      super(namespace, bookmarks);
      this.response = response;
    }

    @Override
    boolean full() {
      return response.writeQueueFull();
    }

    @Override
    void write(Line line) {
      response.write(line.bytes);
    }

    @Override
    void end() {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
  }

  private final class SocketWatch extends Watch {
    final ServerWebSocket socket;

    SocketWatch(ServerWebSocket socket, String namespace, boolean bookmarks) {
      super(namespace, bookmarks);
      this.socket = socket;
    }

    @Override
    boolean full() {
      return socket.writeQueueFull();
    }

    @Override
    void write(Line line) {
      socket.writeTextMessage(line.text());
    }

    @Override
    void end() {
      if (!socket.isClosed()) {
        socket.close();
      }
    }
  }

  private void watch(HttpServerRequest request, String namespace) {
    String from = request.getParam("resourceVersion", "");
    boolean bookmarks = "true".equals(request.getParam("allowWatchBookmarks"));
    String timeout = request.getParam("timeoutSeconds");
    LOG.debug("watch of pods in {} from resourceVersion {} over {}", namespace == null ? "all namespaces" : namespace,
        from, request.canUpgradeToWebSocket() ? "a WebSocket" : "HTTP");
    if (request.canUpgradeToWebSocket()) {
      request.toWebSocket().onSuccess(socket -> {
        socket.setWriteQueueMaxSize(watchBufferBytes);
        Watch watch = new SocketWatch(socket, namespace, bookmarks);
        socket.closeHandler(v -> watch.close());
        socket.exceptionHandler(e -> watch.close());
        start(watch, from, timeout);
      });
      return;
    }
    HttpServerResponse response = json(request.response(), 200).setChunked(true);
    response.setWriteQueueMaxSize(watchBufferBytes);
    // The headers go at once, as the apiserver's do: a client counts its watch as open on them.
    response.writeHead();
    Watch watch = new HttpWatch(response, namespace, bookmarks);
    response.closeHandler(v -> watch.close());
    response.exceptionHandler(e -> watch.close());
    start(watch, from, timeout);
  }

  /** Sends what the watch missed since {@code from}, then registers it for what comes. */
  private void start(Watch watch, String from, String timeoutSeconds) {
    if (from.isEmpty() || from.equals("0")) {
      for (StoredPod pod : pods.values()) {
        if (watch.namespace == null || watch.namespace.equals(pod.namespace())) {
          watch.send(line("ADDED", pod.json()));
        }
      }
    } else {
      long since;
      try {
        since = Long.parseLong(from);
      } catch (NumberFormatException e) {
        watch.send(line("ERROR", statusJson(400, "BadRequest", "invalid resourceVersion " + from)));
        watch.close();
        return;
      }
      long oldest = log.isEmpty() ? resourceVersion : log.peekFirst().resourceVersion() - 1;
      if (since < oldest) {
        watch.send(line("ERROR", statusJson(410, "Expired",
            "too old resource version: " + since + " (" + oldest + ")")));
        watch.close();
        return;
      }
      for (Event event : log) {
        if (event.resourceVersion() > since && watch.wants(event)) {
          watch.send(event.line());
        }
      }
    }
    if (watch.closed) {
      return;
    }
    watches.add(watch);
    if (timeoutSeconds != null) {
      try {
        vertx.setTimer(Math.max(1, Long.parseLong(timeoutSeconds)) * 1000, id -> watch.close());
      } catch (NumberFormatException e) {
        // The API would refuse it; an open-ended watch is close enough for a stand-in.
      }
    }
  }

  private void bookmarks() {
    if (watches.isEmpty()) {
      return;
    }
    Line bookmark = line("BOOKMARK", ("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\""
        + resourceVersion + "\"}}").getBytes(StandardCharsets.UTF_8));
    for (Watch watch : List.copyOf(watches)) {
      if (watch.bookmarks) {
        watch.send(bookmark);
      }
    }
  }

  // ---- writes

  private void patch(HttpServerRequest request, String namespace, String name, Buffer body) {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.startsWith("application/merge-patch+json")) {
      status(request.response(), 415, "UnsupportedMediaType",
          "only application/merge-patch+json is served, not " + type);
      return;
    }
    StoredPod pod = pods.get(key(namespace, name));
    if (pod == null) {
      status(request.response(), 404, "NotFound", "pods \"" + name + "\" not found");
      return;
    }
    JsonNode patch;
    try {
      patch = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      status(request.response(), 400, "BadRequest", "the patch is not JSON: " + e.getMessage());
      return;
    }
    if (!(patch instanceof ObjectNode)) {
      status(request.response(), 422, "Invalid", "a merge patch of a pod must be a JSON object");
      return;
    }
    ObjectNode object = pod.object();
    mergePatch(object, (ObjectNode) patch);
    object.put("kind", "Pod");
    object.put("apiVersion", "v1");
    ObjectNode meta = object.withObjectProperty("metadata");
    meta.put("namespace", namespace);
    meta.put("name", name);
    meta.put("resourceVersion", Long.toString(++resourceVersion));
    StoredPod stored = store(object);
    patches.incrementAndGet();
    Event event = new Event(resourceVersion, namespace, line("MODIFIED", stored.json()));
    log.addLast(event);
    while (log.size() > logEvents) {
      log.removeFirst();
    }
    for (Watch watch : List.copyOf(watches)) {
      if (watch.wants(event)) {
        watch.send(event.line());
      }
    }
    json(request.response(), 200).end(Buffer.buffer(stored.json()));
  }

  /** RFC 7386: null removes, objects merge, anything else replaces. */
  static void mergePatch(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value instanceof ObjectNode patchObject) {
        JsonNode existing = target.get(field.getKey());
        ObjectNode into = existing instanceof ObjectNode o ? o : target.putObject(field.getKey());
        mergePatch(into, patchObject);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private StoredPod store(ObjectNode object) {
    JsonNode meta = object.path("metadata");
    String namespace = meta.path("namespace").asText();
    String name = meta.path("name").asText();
    try {
      StoredPod pod = new StoredPod(namespace, name, object, JSON.writeValueAsBytes(object));
      pods.put(key(namespace, name), pod);
      return pod;
    } catch (IOException e) {
      throw new IllegalStateException("a pod did not serialize", e);
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  // ---- answers

  private static Line line(String type, byte[] object) {
    return new Line(Buffer.buffer(object.length + 40).appendString("{\"type\":\"").appendString(type)
        .appendString("\",\"object\":").appendBytes(object).appendString("}\n"));
  }

  private static HttpServerResponse json(HttpServerResponse response, int code) {
    return response.setStatusCode(code).putHeader("Content-Type", "application/json");
  }

  private static byte[] statusJson(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    status.putObject("details");
    status.put("code", code);
    try {
      return JSON.writeValueAsBytes(status);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void status(HttpServerResponse response, int code, String reason, String message) {
    json(response, code).end(Buffer.buffer(statusJson(code, reason, message)));
  }

  @Override
  public void close() {
    try {
      vertx.runOnContext(v -> {
        vertx.cancelTimer(bookmarkTimer);
        for (Watch watch : List.copyOf(watches)) {
          watch.close();
        }
      });
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("the pod apiserver did not stop in time: {}", e.getMessage());
    } finally {
      vertx.close();
    }
  }
}
