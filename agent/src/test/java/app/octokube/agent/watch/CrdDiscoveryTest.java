package app.octokube.agent.watch;

import static app.octokube.agent.watch.CrdServingTest.crd;
import static app.octokube.agent.watch.CrdServingTest.version;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdDiscoveryTest {
  private static final ResourceName WIDGETS = ResourceName.of("widgets.example.com");

  private final List<String> calls = new ArrayList<>();
  private final CrdDiscovery discovery = new CrdDiscovery(new CrdDiscovery.Reflectors() {
    @Override
    public void served(WatchTarget target) {
      calls.add("served " + target);
    }

    @Override
    public void gone(ResourceName resource) {
      calls.add("gone " + resource);
    }
  });

  private static GenericKubernetesResource widgets(String storageVersion, boolean established) {
    return crd("Namespaced", established ? "True" : "False", List.of(version(storageVersion, true, true)));
  }

  private static GenericKubernetesResource gadgets() {
    GenericKubernetesResource crd = widgets("v1", true);
    crd.setMetadata(new ObjectMetaBuilder().withName("gadgets.example.com").build());
    crd.setAdditionalProperty("spec", Map.of(
        "group", "example.com", "scope", "Cluster",
        "names", Map.of("plural", "gadgets", "kind", "Gadget"),
        "versions", List.of(version("v1", true, true))));
    return crd;
  }

  private void list(GenericKubernetesResource... crds) {
    discovery.listStarted();
    for (GenericKubernetesResource crd : crds) {
      discovery.listed(crd);
    }
    discovery.listCompleted();
  }

  @Test
  void aListStartsAReflectorPerServedCrd() {
    list(widgets("v1", true), gadgets(), widgets("v1", false));

    assertThat(calls).containsExactlyInAnyOrder(
        "served widgets.example.com (example.com/v1)", "served gadgets.example.com (example.com/v1)");
  }

  @Test
  void aRelistStopsCrdsDeletedDuringTheGapAndLeavesTheOthersAlone() {
    list(widgets("v1", true), gadgets());
    calls.clear();

    list(gadgets());

    assertThat(calls).containsExactly("gone widgets.example.com");
  }

  @Test
  void aNewServedVersionRestartsTheReflectorWithoutRemovingObjects() {
    discovery.upserted(widgets("v1beta1", true));
    discovery.upserted(widgets("v1beta1", true));
    discovery.upserted(widgets("v1", true));

    assertThat(calls).containsExactly(
        "served widgets.example.com (example.com/v1beta1)", "served widgets.example.com (example.com/v1)");
  }

  @Test
  void aCrdThatStopsBeingEstablishedOrIsDeletedIsGone() {
    discovery.upserted(widgets("v1", true));
    discovery.upserted(widgets("v1", false));
    discovery.upserted(widgets("v1", true));
    discovery.deleted(widgets("v1", true));
    discovery.deleted(widgets("v1", true));

    assertThat(calls).containsExactly(
        "served widgets.example.com (example.com/v1)", "gone " + WIDGETS,
        "served widgets.example.com (example.com/v1)", "gone " + WIDGETS);
  }
}
