package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A projection is a function of the object's visible content: the input's key order, and every
 * field the projection drops, make no difference to its bytes; a visible change does.
 */
class DeterminismTest {
  private static final ResourceName PODS = ResourceName.of("pods");

  @Property(tries = 200)
  void shufflingEveryMapOfAnObjectLeavesItsProjectionByteIdentical(
      @ForAll("builtinNames") String name, @ForAll long seed) {
    ResourceName resource = ResourceName.of(name);
    Map<String, Object> tree = KindFixtures.input(resource);
    Projectors projectors = Projectors.withBuiltins();

    Projection original = projectors.project(resource, Fixtures.resource(tree));
    Projection shuffled =
        projectors.project(resource, Fixtures.resource(Fixtures.shuffled(tree, new Random(seed))));

    assertThat(shuffled.json()).isEqualTo(original.json());
  }

  @Property(tries = 100)
  void shufflingLeavesWholeCopiedSubtreesByteIdenticalToo(
      @ForAll("builtinNames") String name, @ForAll long seed) {
    ResourceName generic = ResourceName.of("copies.example.com");
    Map<String, Object> tree = KindFixtures.input(ResourceName.of(name));
    tree.remove("metadata");
    tree.put("metadata", Map.of("name", "n"));
    Projectors projectors = Projectors.withBuiltins();
    projectors.register(
        generic,
        tree.keySet().stream()
            .filter(k -> !List.of("apiVersion", "kind", "metadata").contains(k))
            .toList());

    Projection original = projectors.project(generic, Fixtures.resource(tree));
    Projection shuffled =
        projectors.project(generic, Fixtures.resource(Fixtures.shuffled(tree, new Random(seed))));

    assertThat(shuffled.json()).isEqualTo(original.json());
  }

  @Provide
  Arbitrary<String> builtinNames() {
    return Arbitraries.of(BuiltinResources.all().stream().map(b -> b.resource().value()).toList());
  }

  @Example
  void objectsDifferingOnlyInDroppedFieldsProjectEqual() {
    Map<String, Object> changed = Fixtures.exemplarPod();
    Fixtures.at(changed, "metadata").remove("managedFields");
    Fixtures.at(changed, "metadata").put("generateName", "other-");
    Fixtures.at(changed, "metadata.annotations").put(RedactionFloor.LAST_APPLIED, "{}");
    Fixtures.at(changed, "metadata.annotations").put("huge", "h".repeat(4096));
    Fixtures.list(changed, "spec.containers").get(0).put("imagePullPolicy", "Always");
    Fixtures.list(changed, "spec.containers")
        .get(0)
        .put("env", List.of(Map.of("name", "X", "value", "1")));
    Fixtures.list(changed, "status.containerStatuses").get(0).put("imageID", "sha256:feed");
    Fixtures.list(changed, "status.conditions")
        .get(0)
        .put("lastTransitionTime", "2030-01-01T00:00:00Z");

    assertThat(project(changed).sameAs(project(Fixtures.exemplarPod()))).isTrue();
  }

  @Example
  void aVisibleChangeChangesTheBytes() {
    Map<String, Object> changed = Fixtures.exemplarPod();
    Fixtures.at(changed, "status").put("phase", "Running");

    assertThat(project(changed).sameAs(project(Fixtures.exemplarPod()))).isFalse();
  }

  @Example
  void yamlAndJsonInputOfTheSameObjectProjectEqual() throws Exception {
    GenericKubernetesResource fromYaml;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("fixtures/exemplar-pod.yaml")) {
      fromYaml = Fixtures.YAML.readValue(in, GenericKubernetesResource.class);
    }

    assertThat(Projectors.withBuiltins().project(PODS, fromYaml).json())
        .isEqualTo(project(Fixtures.exemplarPod()).json());
  }

  private static Projection project(Map<String, Object> pod) {
    return Projectors.withBuiltins().project(PODS, Fixtures.resource(pod));
  }
}
