package app.octokube.agent.watch;

import static app.octokube.agent.watch.WatchHarness.PODS;
import static app.octokube.agent.watch.WatchHarness.PODS_TARGET;
import static app.octokube.agent.watch.WatchHarness.config;
import static app.octokube.agent.watch.WatchHarness.describe;
import static app.octokube.agent.watch.WatchHarness.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CRD discovery: custom resources start and stop being watched as their definitions come and go. */
class CustomResourceWatchTest {
  static final ResourceName CRDS = WatchTarget.CUSTOM_RESOURCE_DEFINITIONS.resource();
  static final ResourceName WIDGETS = ResourceName.of("widgets.example.com");
  static final ResourceDefinitionContext WIDGETS_CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("example.com").withVersion("v1").withPlural("widgets").withKind("Widget")
      .withNamespaced(true).build();

  private final MockApiserver api = new MockApiserver();
  private final WatchHarness harness;

  CustomResourceWatchTest() throws Exception {
    harness = new WatchHarness(api);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
    api.close();
  }

  static CustomResourceDefinition widgetsCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.example.com").endMetadata()
        .withNewSpec()
        .withGroup("example.com")
        .withScope("Namespaced")
        .withNewNames().withPlural("widgets").withSingular("widget").withKind("Widget").endNames()
        .addNewVersion().withName("v1beta1").withServed(true).withStorage(false).endVersion()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
        .endSpec()
        // CRUD mode runs no controller: the condition the apiserver would set is set here.
        .withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition().endStatus()
        .build();
  }

  private void createWidget(String namespace, String name) {
    GenericKubernetesResource widget = MockApiserver.object("example.com/v1", "Widget", namespace, name);
    widget.setAdditionalProperty("spec", Map.of("size", 3));
    api.client.genericKubernetesResources(WIDGETS_CONTEXT).inNamespace(namespace).resource(widget).create();
  }

  @Test
  void aCrdCreatedWhileRunningStartsBeingWatchedOnItsStorageVersion() throws Exception {
    harness.start(config(WatchTarget.CUSTOM_RESOURCE_DEFINITIONS, PODS_TARGET));
    harness.awaitWatching(CRDS, PODS);

    api.client.apiextensions().v1().customResourceDefinitions().resource(widgetsCrd()).create();
    harness.awaitWatching(WIDGETS);
    createWidget("shop", "w1");
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.deltas.stream()
        .anyMatch(d -> describe(d).contains("upsert widgets.example.com shop/w1")));

    assertThat(harness.trackedResources()).contains(WIDGETS, CRDS, PODS);
    assertThat(api.watchesByPath()).containsEntry("/apis/example.com/v1/widgets", 1);
    assertThat(describe(harness.deltas.get(0)))
        .containsExactly("upsert customresourcedefinitions.apiextensions.k8s.io widgets.example.com");
  }

  @Test
  void aCrdDeletedRemovesItsObjectsInOneVersionAndStopsItsWatch() throws Exception {
    api.client.apiextensions().v1().customResourceDefinitions().resource(widgetsCrd()).create();
    createWidget("shop", "w1");
    createWidget("shop", "w2");
    createWidget("lab", "w3");
    harness.start(config(WatchTarget.CUSTOM_RESOURCE_DEFINITIONS, PODS_TARGET));
    harness.awaitWatching(CRDS, PODS, WIDGETS);
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.trackedResources().contains(WIDGETS));

    api.client.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> !harness.trackedResources().contains(WIDGETS));
    List<AgentDelta> deltas = harness.awaitDeltas(2);

    assertThat(versions(deltas)).containsExactlyElementsOf(
        LongStream.rangeClosed(1, deltas.size()).boxed().toList());
    assertThat(deltas).hasSize(2);
    assertThat(describe(deltas.get(0)))
        .containsExactly("delete customresourcedefinitions.apiextensions.k8s.io widgets.example.com");
    assertThat(describe(deltas.get(1))).containsExactlyInAnyOrder(
        "delete widgets.example.com lab/w3", "delete widgets.example.com shop/w1",
        "delete widgets.example.com shop/w2");
    assertThat(harness.watch.status(WIDGETS)).isEmpty();
    assertThat(harness.resourceSets.get(harness.resourceSets.size() - 1)).doesNotContain(WIDGETS);
  }

  @Test
  void customResourcesExcludedByTheResourceFilterAreNotWatched() throws Exception {
    api.client.apiextensions().v1().customResourceDefinitions().resource(widgetsCrd()).create();
    harness.start(config(WatchTarget.CUSTOM_RESOURCE_DEFINITIONS, PODS_TARGET)
        .withResources(NameFilter.of(List.of(), List.of("*.example.com"))));
    harness.awaitWatching(CRDS, PODS);
    api.createPod("shop", "api-1", Map.of());
    harness.awaitDeltas(1);

    assertThat(harness.watch.status(WIDGETS)).isEmpty();
    assertThat(api.count("GET /apis/example.com/")).isZero();
    assertThat(harness.trackedResources()).containsExactlyInAnyOrder(CRDS, PODS);
  }
}
