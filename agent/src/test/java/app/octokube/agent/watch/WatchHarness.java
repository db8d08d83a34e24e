package app.octokube.agent.watch;

import static org.awaitility.Awaitility.await;

import app.octokube.agent.engine.DeltaEncoder;
import app.octokube.agent.engine.DeltaSink;
import app.octokube.agent.engine.EncodedDelta;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real {@link ExecutionQueue} with a collecting sink, fed by a {@link ClusterWatch} against a
 * {@link MockApiserver}: the whole watch path, from HTTP to versioned deltas.
 */
final class WatchHarness {
  static final ResourceName PODS = ResourceName.of("pods");
  static final WatchTarget PODS_TARGET = WatchTarget.of(PODS, "v1", "Pod", true);
  static final String PODS_PATH = "/api/v1/pods";

  /** Backoffs short enough for tests, with the same shape as the defaults. */
  static final RetryPolicy FAST = new RetryPolicy(
      Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(200),
      Duration.ofMillis(300));

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The production codec: deltas are encoded exactly as the Agent sends them. */
  static final DeltaEncoder ENCODER = new Codec()::encode;

  /**
   * A trivial projector: name, namespace, labels and resourceVersion, so an update that changes
   * any of them is a visible change and a replay of the same object is not.
   */
  static final ObjectProjector PROJECTOR = (resource, object) -> {
    ObjectMeta meta = object.getMetadata();
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", meta.getName());
    metadata.put("namespace", meta.getNamespace());
    metadata.put("resourceVersion", meta.getResourceVersion());
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : new TreeMap<>(meta.getLabels());
    metadata.put("labels", labels);
    json.put("metadata", metadata);
    try {
      return new Projection(resource, ObjectKey.of(meta.getNamespace(), meta.getName()), labels,
          RawJson.wrap(MAPPER.writeValueAsBytes(json)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  };

  final MockApiserver api;
  final ExecutionQueue queue;
  final List<AgentDelta> deltas = new CopyOnWriteArrayList<>();
  final List<Set<ResourceName>> resourceSets = new CopyOnWriteArrayList<>();
  private final ExecutorService streamer = Executors.newCachedThreadPool();
  ClusterWatch watch;

  WatchHarness(MockApiserver api) throws Exception {
    this.api = api;
    this.queue = new ExecutionQueue(QueueConfig.DEFAULTS, ENCODER, streamer);
    queue.attach(collector()).get(5, TimeUnit.SECONDS);
  }

  DeltaSink collector() {
    return new DeltaSink() {
      @Override
      public void onDelta(EncodedDelta delta) {
        deltas.add(delta.delta());
      }

      @Override
      public void onResourcesChanged(Epoch epoch, long version, Set<ResourceName> resources) {
        resourceSets.add(resources);
      }
    };
  }

  ClusterWatch start(WatchConfig config) {
    return start(config, PROJECTOR);
  }

  ClusterWatch start(WatchConfig config, ObjectProjector projector) {
    watch = ClusterWatch.start(api.client, queue::submit, projector, config);
    return watch;
  }

  static WatchConfig config(WatchTarget... targets) {
    return WatchConfig.of(List.of(targets)).withRetry(FAST).withThreads(2);
  }

  WatchStatus status(ResourceName resource) {
    return watch.status(resource).orElseThrow(() -> new AssertionError(resource + " is not watched"));
  }

  void awaitWatching(ResourceName... resources) {
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      for (ResourceName r : resources) {
        if (watch.status(r).map(s -> s.state() != WatchState.WATCHING).orElse(true)) {
          return false;
        }
      }
      return true;
    });
  }

  Set<ResourceName> trackedResources() throws Exception {
    return queue.status().get(5, TimeUnit.SECONDS).resources();
  }

  /** Waits until at least {@code count} deltas arrived and returns them. */
  List<AgentDelta> awaitDeltas(int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> deltas.size() >= count);
    return List.copyOf(deltas);
  }

  /** What a delta changes, as "type resource key" lines, for readable assertions. */
  static List<String> describe(AgentDelta delta) {
    return delta.changes().stream().map(WatchHarness::describe).collect(Collectors.toList());
  }

  static String describe(Change change) {
    return change.type().name().toLowerCase() + " " + change.resource() + " " + change.key();
  }

  static List<Long> versions(List<AgentDelta> deltas) {
    List<Long> versions = new ArrayList<>();
    deltas.forEach(d -> versions.add(d.version().value()));
    return versions;
  }

  /** The objects a snapshot of {@code resource} holds now, by key. */
  List<String> snapshotKeys(ResourceName resource) throws Exception {
    List<String> keys = new CopyOnWriteArrayList<>();
    queue.snapshot(resource, chunk -> chunk.items().forEach(p -> keys.add(p.key().value())))
        .get(5, TimeUnit.SECONDS);
    return keys.stream().sorted().collect(Collectors.toList());
  }

  /** Stops the watch, then the queue. Not AutoCloseable: the queue's close may be interrupted. */
  void close() throws InterruptedException {
    if (watch != null) {
      watch.close();
    }
    queue.close();
    streamer.shutdownNow();
  }
}
