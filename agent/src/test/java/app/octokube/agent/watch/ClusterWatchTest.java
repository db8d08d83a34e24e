package app.octokube.agent.watch;

import static app.octokube.agent.watch.WatchHarness.PODS;
import static app.octokube.agent.watch.WatchHarness.PODS_TARGET;
import static app.octokube.agent.watch.WatchHarness.config;
import static app.octokube.agent.watch.WatchHarness.describe;
import static app.octokube.agent.watch.WatchHarness.versions;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.projection.Projectors;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole watch path against a mock apiserver in CRUD mode: built-in kinds, one watch per type,
 * filters, shutdown, and the Agent's real projector.
 */
class ClusterWatchTest {
  static final ResourceName DEPLOYMENTS = ResourceName.of("deployments.apps");
  static final ResourceName CONFIGMAPS = ResourceName.of("configmaps");
  static final WatchTarget DEPLOYMENTS_TARGET = WatchTarget.of(DEPLOYMENTS, "v1", "Deployment", true);
  static final WatchTarget CONFIGMAPS_TARGET = WatchTarget.of(CONFIGMAPS, "v1", "ConfigMap", true);
  static final ResourceName NAMESPACES = ResourceName.of("namespaces");
  static final WatchTarget NAMESPACES_TARGET = WatchTarget.of(NAMESPACES, "v1", "Namespace", false);

  private final MockApiserver api = new MockApiserver();
  private final WatchHarness harness;

  ClusterWatchTest() throws Exception {
    harness = new WatchHarness(api);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
    api.close();
  }

  @Test
  void createUpdateAndDeleteOfBuiltInKindsGiveDeltasWithConsecutiveVersions() throws Exception {
    harness.start(config(PODS_TARGET, DEPLOYMENTS_TARGET, CONFIGMAPS_TARGET));
    harness.awaitWatching(PODS, DEPLOYMENTS, CONFIGMAPS);

    api.createPod("shop", "api-1", Map.of("app", "api"));
    harness.awaitDeltas(1);
    api.client.pods().inNamespace("shop").withName("api-1")
        .edit(p -> { p.getMetadata().setLabels(Map.of("app", "api", "tier", "web")); return p; });
    harness.awaitDeltas(2);
    api.client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace("shop").withName("api").endMetadata().build()).create();
    harness.awaitDeltas(3);
    api.client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder()
        .withNewMetadata().withNamespace("shop").withName("settings").endMetadata().build()).create();
    harness.awaitDeltas(4);
    api.client.pods().inNamespace("shop").withName("api-1").delete();
    harness.awaitDeltas(5);
    api.client.apps().deployments().inNamespace("shop").withName("api").delete();
    List<AgentDelta> deltas = harness.awaitDeltas(6);

    assertThat(versions(deltas)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(deltas).extracting(WatchHarness::describe).containsExactly(
        List.of("upsert pods shop/api-1"),
        List.of("upsert pods shop/api-1"),
        List.of("upsert deployments.apps shop/api"),
        List.of("upsert configmaps shop/settings"),
        List.of("delete pods shop/api-1"),
        List.of("delete deployments.apps shop/api"));
    assertThat(deltas.get(1).changes().get(0).labels()).containsEntry("tier", "web");
    assertThat(deltas.get(1).changes().get(0).previous().labels()).doesNotContainKey("tier");
    assertThat(harness.trackedResources()).containsExactlyInAnyOrder(PODS, DEPLOYMENTS, CONFIGMAPS);
  }

  @Test
  void theApiserverSeesOneWatchPerTypeWhateverTheNumberOfConsumers() throws Exception {
    harness.start(config(PODS_TARGET, DEPLOYMENTS_TARGET, CONFIGMAPS_TARGET));
    harness.awaitWatching(PODS, DEPLOYMENTS, CONFIGMAPS);
    api.createPod("shop", "api-1", Map.of());
    harness.awaitDeltas(1);

    // Many Backends and clients: each takes snapshots and the link's sink is replaced; none of
    // it reaches the apiserver.
    for (int consumer = 0; consumer < 20; consumer++) {
      harness.queue.attach(harness.collector()).get(5, TimeUnit.SECONDS);
      for (ResourceName resource : List.of(PODS, DEPLOYMENTS, CONFIGMAPS)) {
        harness.snapshotKeys(resource);
      }
    }
    api.createPod("shop", "api-2", Map.of());
    harness.awaitDeltas(2);

    assertThat(api.watchesByPath()).isEqualTo(Map.of(
        "/api/v1/pods", 1, "/apis/apps/v1/deployments", 1, "/api/v1/configmaps", 1));
    assertThat(api.count("GET /api/v1/namespaces/")).isZero();
  }

  @Test
  void namespaceFiltersDropObjectsWithoutAddingWatches() throws Exception {
    api.createPod("team-a", "api-1", Map.of());
    api.createPod("team-secret", "vault-1", Map.of());
    api.createPod("default", "web-1", Map.of());
    for (String namespace : List.of("team-a", "team-secret", "default")) {
      api.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .endMetadata().build()).create();
    }
    harness.start(config(PODS_TARGET, NAMESPACES_TARGET)
        .withNamespaces(NameFilter.of(List.of("team-*"), List.of("team-secret"))));
    harness.awaitWatching(PODS, NAMESPACES);

    assertThat(harness.snapshotKeys(PODS)).containsExactly("team-a/api-1");
    assertThat(harness.snapshotKeys(NAMESPACES)).containsExactly("team-a");

    api.createPod("team-secret", "vault-2", Map.of());
    api.createPod("default", "web-2", Map.of());
    api.createPod("team-b", "api-2", Map.of());
    harness.awaitDeltas(1);
    api.createPod("team-a", "api-3", Map.of());
    List<AgentDelta> deltas = harness.awaitDeltas(2);

    assertThat(deltas).extracting(WatchHarness::describe)
        .containsExactly(List.of("upsert pods team-b/api-2"), List.of("upsert pods team-a/api-3"));
    assertThat(api.watchesByPath()).isEqualTo(Map.of("/api/v1/pods", 1, "/api/v1/namespaces", 1));
  }

  @Test
  void excludedResourcesAreNeitherListedNorWatched() throws Exception {
    harness.start(config(PODS_TARGET, CONFIGMAPS_TARGET)
        .withResources(NameFilter.of(List.of(), List.of("config*"))));
    harness.awaitWatching(PODS);

    assertThat(harness.watch.statuses()).extracting(WatchStatus::resource).containsExactly(PODS);
    assertThat(api.count("GET /api/v1/configmaps")).isZero();
  }

  @Test
  void closeStopsEveryWatchAndNothingMoreIsEnqueued() throws Exception {
    harness.start(config(PODS_TARGET, CONFIGMAPS_TARGET));
    harness.awaitWatching(PODS, CONFIGMAPS);

    harness.watch.close();
    api.createPod("shop", "api-1", Map.of());
    Thread.sleep(300);

    assertThat(harness.watch.statuses()).extracting(WatchStatus::state)
        .containsOnly(WatchState.STOPPED);
    assertThat(harness.deltas).isEmpty();
  }

  @Test
  void theAgentsProjectorKeepsConfigMapValuesInTheCluster() throws Exception {
    Projectors projectors = Projectors.withBuiltins();
    harness.start(config(PODS_TARGET, CONFIGMAPS_TARGET), projectors::project);
    harness.awaitWatching(PODS, CONFIGMAPS);

    api.client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder()
        .withNewMetadata().withNamespace("shop").withName("settings").addToLabels("app", "shop").endMetadata()
        .addToData("password", "canary-7f3a9").build()).create();
    // Two watches give no order between them: wait for the ConfigMap before creating the pod.
    harness.awaitDeltas(1);
    api.createPod("shop", "api-1", Map.of("app", "api"));
    List<AgentDelta> deltas = harness.awaitDeltas(2);

    assertThat(deltas).extracting(WatchHarness::describe)
        .containsExactly(List.of("upsert configmaps shop/settings"), List.of("upsert pods shop/api-1"));
    String configMap = deltas.get(0).changes().get(0).object().toString();
    assertThat(configMap).contains("\"password\"").doesNotContain("canary-7f3a9");
    assertThat(deltas.get(1).changes().get(0).object().toString()).contains("\"kind\":\"Pod\"");
  }
}
