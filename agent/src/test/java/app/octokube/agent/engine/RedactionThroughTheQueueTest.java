package app.octokube.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.projection.Projection;
import app.octokube.agent.projection.Projectors;
import app.octokube.protocol.Codec;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The redaction floor, end to end through the Agent: canaries planted in every place that must
 * never leave the cluster appear in no byte the queue produces — not in a delta, not in a snapshot
 * chunk as the link encodes it.
 */
class RedactionThroughTheQueueTest {
  private static final String CANARY = "CANARY-7f3a";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Codec codec = new Codec();
  private final Projectors projectors = Projectors.withBuiltins();

  private static GenericKubernetesResource object(String json) throws Exception {
    return JSON.readValue(json.replace("$C", CANARY), GenericKubernetesResource.class);
  }

  private static final String LAST_APPLIED =
      "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"x\\\":\\\"$C-applied\\\"}\"}";

  private List<Projection> secrets(String version) throws Exception {
    return List.of(projectors.project(ResourceName.of("secrets"), object("""
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"payments",%s,
         "resourceVersion":"%s"},"type":"Opaque","data":{"password":"$C-data"},"stringData":{"token":"$C-string"}}
        """.formatted(LAST_APPLIED, version))));
  }

  private List<Projection> configMaps(String version) throws Exception {
    return List.of(projectors.project(ResourceName.of("configmaps"), object("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"payments","resourceVersion":"%s"},
         "data":{"url":"$C-config"},"binaryData":{"blob":"$C-binary"}}
        """.formatted(version))));
  }

  private List<Projection> deployments(String version) throws Exception {
    return List.of(projectors.project(ResourceName.of("deployments.apps"), object("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"payments",%s,"resourceVersion":"%s"},
         "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"api"}},"spec":{
           "initContainers":[{"name":"init","image":"i","env":[{"name":"A","value":"$C-init-env"}]}],
           "containers":[{"name":"main","image":"m","env":[{"name":"B","value":"$C-env"},
             {"name":"C","valueFrom":{"secretKeyRef":{"name":"$C-ref","key":"$C-key"}}}]}]}}}}
        """.formatted(LAST_APPLIED, version))));
  }

  @Test
  void canariesReachNoDeltaAndNoSnapshotByte() throws Exception {
    ExecutorService streamer = Executors.newSingleThreadExecutor();
    List<byte[]> bytes = new CopyOnWriteArrayList<>();
    try (ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, codec::encode, streamer)) {
      queue.attach(d -> bytes.add(d.bytes())).get(5, TimeUnit.SECONDS);
      queue.submit(new ClusterEvent.Relisted(ResourceName.of("secrets"), List.of()));
      queue.submit(new ClusterEvent.Relisted(ResourceName.of("configmaps"), List.of()));
      queue.submit(new ClusterEvent.Relisted(ResourceName.of("deployments.apps"), List.of()));
      for (String v : List.of("1", "2")) {
        for (Projection p : secrets(v)) {
          queue.submit(new ClusterEvent.Upserted(p));
        }
        for (Projection p : configMaps(v)) {
          queue.submit(new ClusterEvent.Upserted(p));
        }
        for (Projection p : deployments(v)) {
          queue.submit(new ClusterEvent.Upserted(p));
        }
        // A read ends the batch, so each round of changes is a version of its own.
        queue.status().get(5, TimeUnit.SECONDS);
      }
      for (String resource : List.of("secrets", "configmaps", "deployments.apps")) {
        queue.snapshot(ResourceName.of(resource), chunk -> {
          List<SnapshotItem> items = new ArrayList<>();
          chunk.items().forEach(p -> items.add(new SnapshotItem(p.key(), p.labels(), p.json())));
          bytes.add(codec.encode(new SnapshotChunk("r1", chunk.resource(), chunk.epoch(),
              Version.of(chunk.version()), items, chunk.last())));
        }).get(5, TimeUnit.SECONDS);
      }
      // Two rounds of three changes: at least a version each, at most one per change.
      assertThat(queue.status().get(5, TimeUnit.SECONDS).version()).isBetween(2L, 6L);
    } finally {
      streamer.shutdownNow();
    }

    assertThat(bytes).hasSizeGreaterThanOrEqualTo(5);
    for (byte[] frame : bytes) {
      String text = new String(frame, StandardCharsets.UTF_8);
      assertThat(text).doesNotContain(CANARY);
    }
    // The objects themselves did arrive: keys and names survive, values do not.
    assertThat(bytes).anySatisfy(f -> assertThat(new String(f, StandardCharsets.UTF_8)).contains("\"password\""));
  }
}
