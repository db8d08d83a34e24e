package app.octokube.agent.link;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.projection.Projection;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** Small projections and queue helpers for the link's tests. */
final class LinkFixtures {
  static final ResourceName PODS = ResourceName.of("pods");

  private LinkFixtures() {}

  static Projection pod(String key, String content) {
    ObjectKey k = ObjectKey.of(key);
    String json = "{\"metadata\":{\"name\":\"" + k.name() + "\"},\"content\":\"" + content + "\"}";
    return new Projection(PODS, k, Map.of("app", "demo"), RawJson.of(json));
  }

  static ClusterEvent upsert(String key, String content) {
    return new ClusterEvent.Upserted(pod(key, content));
  }

  static ClusterEvent relistPods(Projection... pods) {
    return new ClusterEvent.Relisted(PODS, List.of(pods));
  }

  static long version(ExecutionQueue queue) throws Exception {
    return queue.status().get(10, TimeUnit.SECONDS).version();
  }

  /** Submits {@code event} and waits until it spent its own version; returns that version. */
  static long applyOne(ExecutionQueue queue, ClusterEvent event) throws Exception {
    long before = version(queue);
    queue.submit(event);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> version(queue) > before);
    return version(queue);
  }

  /** Waits until the queue has applied every event submitted so far; returns its version. */
  static long settled(ExecutionQueue queue) throws Exception {
    return version(queue);
  }

  /** A string of {@code n} letters, to make deltas big. */
  static String filler(int n) {
    return "x".repeat(n);
  }
}
