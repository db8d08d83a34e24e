package app.octokube.agent.watch;

import ch.qos.logback.classic.Level;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A fabric8 mock apiserver over real HTTP in CRUD mode, with scripted expectations taking
 * precedence (each consumed in order, then CRUD answers): CRUD mode keeps objects and streams
 * watch events; expectations script what it cannot do (410, bookmarks, closes, 403, pages).
 *
 * <p>What the tests rely on, checked against fabric8 8.0.0: CRUD ignores {@code limit} (one page,
 * no continue token) and a watch's {@code resourceVersion}: a watch first replays every existing
 * object as ADDED, then streams changes, and never closes by itself. A scripted WebSocket closes
 * right after its last event. CRUD serves any path, so "not served" (404) must be scripted too.
 */
final class MockApiserver implements AutoCloseable {
  // Held so that the JUL configuration below is not garbage collected with its logger.
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    // The module has no logback-test.xml yet; without one, logback logs everything at DEBUG.
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    logLevel("io.fabric8", Level.WARN);
    logLevel("io.vertx", Level.ERROR);
    logLevel("io.netty", Level.ERROR);
    // Vert.x's event loop stops before the last connection closes when the mock server shuts
    // down; Netty reports that as an error although nothing is lost.
    logLevel("io.netty.util.concurrent.DefaultPromise.rejectedExecution", Level.OFF);
    logLevel("app.octokube", Level.INFO);
  }

  final KubernetesMockServer server;
  final KubernetesClient client;
  private final List<String> requests = new ArrayList<>();

  MockApiserver() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(
        new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
  }

  static void logLevel(String logger, Level level) {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
  }

  static String listPath(String base, int limit) {
    return base + "?limit=" + limit;
  }

  static String watchPath(String base, String resourceVersion) {
    return base + "?allowWatchBookmarks=true&resourceVersion=" + resourceVersion + "&watch=true";
  }

  static Status status(int code, String reason, String message) {
    return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
  }

  static Pod pod(String namespace, String name, String resourceVersion, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withResourceVersion(resourceVersion)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  static GenericKubernetesResource object(String apiVersion, String kind, String namespace, String name) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(apiVersion);
    object.setKind(kind);
    object.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return object;
  }

  /** A bookmark: an object that carries nothing but a resourceVersion. */
  static GenericKubernetesResource bookmark(String resourceVersion) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion("v1");
    object.setKind("Pod");
    object.setMetadata(new ObjectMetaBuilder().withResourceVersion(resourceVersion).build());
    return object;
  }

  Pod createPod(String namespace, String name, Map<String, String> labels) {
    return client.pods().inNamespace(namespace).resource(pod(namespace, name, null, labels)).create();
  }

  /** Every request path the server received so far, in order ("GET /api/v1/pods?..."). */
  synchronized List<String> requests() {
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request.getMethod() + " " + request.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(requests);
  }

  /** Watch requests so far, by path without the query. */
  Map<String, Integer> watchesByPath() {
    Map<String, Integer> counts = new TreeMap<>();
    for (String request : requests()) {
      if (request.startsWith("GET ") && request.contains("watch=true")) {
        String path = request.substring(4, request.indexOf('?'));
        counts.merge(path, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The resourceVersion parameters of the watches of {@code base}, in order. */
  List<String> watchResourceVersions(String base) {
    List<String> versions = new ArrayList<>();
    for (String request : requests()) {
      if (request.startsWith("GET " + base + "?") && request.contains("watch=true")) {
        int at = request.indexOf("resourceVersion=");
        int end = request.indexOf('&', at);
        versions.add(at < 0 ? "" : request.substring(at + 16, end < 0 ? request.length() : end));
      }
    }
    return versions;
  }

  long count(String requestPrefix) {
    return requests().stream().filter(r -> r.startsWith(requestPrefix)).count();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
