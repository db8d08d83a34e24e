package app.octokube.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealisticPodsTest {
  private final RealisticPods pods = new RealisticPods();

  @Test
  void theSameIndexGivesTheSamePod() {
    assertThat(pods.podJson(42, 7)).isEqualTo(pods.podJson(42, 7));
  }

  @Test
  void podsHaveDistinctNamesAndUids() {
    Set<String> names = new HashSet<>();
    Set<String> uids = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      ObjectNode meta = (ObjectNode) pods.pod(i, 1).get("metadata");
      names.add(meta.get("namespace").asText() + "/" + meta.get("name").asText());
      uids.add(meta.get("uid").asText());
    }
    assertThat(names).hasSize(2_000);
    assertThat(uids).hasSize(2_000);
  }

  @Test
  void podsKeepTheExemplarsWeightOfManagedFieldsAndStatus() {
    byte[] json = pods.podJson(1, 1);

    assertThat(json.length).isBetween(12_000, 16_000);
    assertThat(pods.pod(1, 1).path("metadata").path("managedFields").size()).isGreaterThan(0);
  }

  @Test
  void aRestartChangesTheStatusAndTheResourceVersion() {
    ObjectNode before = pods.pod(3, 10);
    ObjectNode after = pods.restarted(3, 11, 4);

    assertThat(after.path("status").path("containerStatuses").get(0).path("restartCount").asInt()).isEqualTo(4);
    assertThat(after.path("metadata").path("resourceVersion").asText()).isEqualTo("11");
    assertThat(before.path("metadata").path("name")).isEqualTo(after.path("metadata").path("name"));
  }

  @Test
  void deploymentsSpreadOverTheConfiguredNamespaces() {
    RealisticPods two = new RealisticPods(new String[] {"a", "b"}, 3);

    assertThat(two.namespaceOf(0)).isEqualTo("a");
    assertThat(two.namespaceOf(RealisticPods.REPLICAS)).isEqualTo("b");
    assertThat(two.pod(4, 1).path("spec").path("nodeName").asText()).isEqualTo("node-1");
  }
}
