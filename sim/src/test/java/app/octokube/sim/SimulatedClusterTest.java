package app.octokube.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

  @Test
  void seedsAClusterThatLooksLikeAReadOne() throws Exception {
    List<Integer> progress = new CopyOnWriteArrayList<>();
    try (SimulatedCluster cluster = SimulatedCluster.start(SimConfig.demo().withPods(100).withChurn(0), progress::add)) {
      var client = cluster.client();

      assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
          .contains("payments", "search", "platform", "kube-system");
      assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize(100);
      assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).hasSize(20);
      assertThat(client.apps().replicaSets().inAnyNamespace().list().getItems()).hasSize(20);
      assertThat(client.secrets().inAnyNamespace().list().getItems()).hasSize(4);
      assertThat(client.nodes().list().getItems()).hasSize(12);
      List<GenericKubernetesResource> widgets =
          client.genericKubernetesResources(ClusterSeed.WIDGETS).inAnyNamespace().list().getItems();
      assertThat(widgets).hasSize(12);
      assertThat(progress).isNotEmpty().last().isEqualTo(100);
      assertThat(cluster.url()).startsWith("http://");
    }
  }

  @Test
  void churnChangesTheClusterAtTheConfiguredRate() throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start(SimConfig.demo().withPods(100).withChurn(50), p -> {})) {
      List<String> seen = new CopyOnWriteArrayList<>();
      try (var watch = cluster.client().pods().inAnyNamespace().watch(new io.fabric8.kubernetes.client.Watcher<Pod>() {
        @Override
        public void eventReceived(Action action, Pod pod) {
          seen.add(action + " " + pod.getMetadata().getName());
        }

        @Override
        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
      })) {
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(s -> s.startsWith("MODIFIED")));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(s -> s.startsWith("DELETED")));
      }
      assertThat(cluster.churnChanges()).isGreaterThan(0);
    }
  }
}
