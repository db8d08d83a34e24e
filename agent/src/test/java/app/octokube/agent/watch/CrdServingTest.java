package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdServingTest {

  static GenericKubernetesResource crd(String scope, String established, List<Map<String, Object>> versions) {
    GenericKubernetesResource crd = new GenericKubernetesResource();
    crd.setApiVersion("apiextensions.k8s.io/v1");
    crd.setKind("CustomResourceDefinition");
    crd.setMetadata(new ObjectMetaBuilder().withName("widgets.example.com").build());
    crd.setAdditionalProperty("spec", Map.of(
        "group", "example.com",
        "scope", scope,
        "names", Map.of("plural", "widgets", "kind", "Widget"),
        "versions", versions));
    List<Object> conditions = new ArrayList<>();
    if (established != null) {
      conditions.add(Map.of("type", "Established", "status", established));
    }
    crd.setAdditionalProperty("status", Map.of("conditions", conditions));
    return crd;
  }

  static Map<String, Object> version(String name, boolean served, boolean storage) {
    return Map.of("name", name, "served", served, "storage", storage);
  }

  @Test
  void anEstablishedCrdIsWatchedOnItsServedStorageVersion() {
    GenericKubernetesResource crd = crd("Namespaced", "True",
        List.of(version("v1beta1", true, false), version("v1", true, true)));

    assertThat(CrdServing.servedTarget(crd)).contains(
        WatchTarget.of(ResourceName.of("widgets.example.com"), "v1", "Widget", true));
  }

  @Test
  void whenTheStorageVersionIsNotServedTheFirstServedVersionIsWatched() {
    GenericKubernetesResource crd = crd("Cluster", "True",
        List.of(version("v1alpha1", false, false), version("v1beta1", true, false), version("v1", false, true)));

    assertThat(CrdServing.servedTarget(crd)).hasValueSatisfying(target -> {
      assertThat(target.version()).isEqualTo("v1beta1");
      assertThat(target.namespaced()).isFalse();
    });
  }

  @Test
  void aCrdThatIsNotEstablishedOrServesNothingIsNotWatched() {
    assertThat(CrdServing.servedTarget(crd("Namespaced", "False", List.of(version("v1", true, true))))).isEmpty();
    assertThat(CrdServing.servedTarget(crd("Namespaced", null, List.of(version("v1", true, true))))).isEmpty();
    assertThat(CrdServing.servedTarget(crd("Namespaced", "True", List.of(version("v1", false, true))))).isEmpty();
  }

  @Test
  void aMalformedCrdIsNotWatched() {
    GenericKubernetesResource crd = new GenericKubernetesResource();
    crd.setMetadata(new ObjectMetaBuilder().withName("broken").build());
    crd.setAdditionalProperty("spec", "not an object");

    assertThat(CrdServing.servedTarget(crd)).isEmpty();
  }
}
