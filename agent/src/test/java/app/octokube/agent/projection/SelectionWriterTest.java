package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's shape rules, seen through a configured resource whose paths select a test spec. */
class SelectionWriterTest {
  private static final ResourceName THINGS = ResourceName.of("things.example.com");

  private final Projectors projectors = Projectors.withBuiltins();

  @Test
  void anObjectNoneOfWhoseSelectedFieldsIsWrittenIsLeftOutAtAnyDepth() {
    projectors.register(THINGS, List.of("spec.a.b.c", "spec.d"));

    assertThat(spec(Map.of("a", Map.of("b", Map.of("other", 1)), "d", 2))).isEqualTo("{\"d\":2}");
    assertThat(spec(Map.of("a", Map.of("b", Map.of("other", 1))))).isEqualTo("absent");
  }

  @Test
  void anObjectWhoseOnlyFieldsTheFloorDropsIsLeftOut() {
    projectors.register(THINGS, List.of("spec"));

    assertThat(spec(Map.of("inner", Map.of("managedFields", List.of(1)), "x", 1)))
        .isEqualTo("{\"x\":1}");
  }

  @Test
  void listElementsAreAlwaysWrittenToKeepTheirPositions() {
    projectors.register(THINGS, List.of("spec.items[].name"));

    assertThat(spec(Map.of("items", List.of(Map.of("size", 1), Map.of("name", "b")))))
        .isEqualTo("{\"items\":[{},{\"name\":\"b\"}]}");
  }

  @Test
  void valuesOfTheWrongShapeAreLeftOut() {
    projectors.register(THINGS, List.of("spec.items[].name", "spec.box.lid", "spec.tags{keys}"));

    assertThat(spec(Map.of("items", Map.of("name", "x"), "box", "flat", "tags", List.of("t"))))
        .isEqualTo("absent");
    assertThat(spec(Map.of("items", Arrays.asList("x", Map.of("name", "y")))))
        .isEqualTo("{\"items\":[{\"name\":\"y\"}]}");
  }

  @Test
  void nullsAndEmptyObjectsAreLeftOutOfCopies() {
    projectors.register(THINGS, List.of("spec"));
    Map<String, Object> spec = new HashMap<>();
    spec.put("gone", null);
    spec.put("empty", Map.of());
    spec.put("list", Arrays.asList(null, Map.of()));

    assertThat(spec(spec)).isEqualTo("{\"list\":[null,{}]}");
  }

  @Test
  void copiesWriteMapsInSortedKeyOrderAndNumbersExactly() {
    projectors.register(THINGS, List.of("spec"));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("z", new BigInteger("123456789012345678901234567890"));
    spec.put("m", new BigDecimal("0.10"));
    spec.put("a", 1.5d);
    spec.put("k", Long.MAX_VALUE);

    assertThat(spec(spec))
        .isEqualTo(
            "{\"a\":1.5,\"k\":9223372036854775807,\"m\":0.10,\"z\":123456789012345678901234567890}");
  }

  @Test
  void valuesOfTypesJsonCannotProduceAreWrittenAsNull() {
    projectors.register(THINGS, List.of("spec"));

    assertThat(spec(Map.of("when", new Object()))).isEqualTo("{\"when\":null}");
  }

  @Test
  void aFailedProjectionLeavesTheThreadReadyForTheNext() {
    projectors.register(THINGS, List.of("spec"));
    Map<Object, Object> badKeys = new HashMap<>(Map.of(1, "one", 2, "two"));
    GenericKubernetesResource bad = thing(Map.of("half", "written", "z", badKeys));

    assertThatThrownBy(() -> projectors.project(THINGS, bad))
        .isInstanceOf(ClassCastException.class);
    assertThat(spec(Map.of("fine", true))).isEqualTo("{\"fine\":true}");
  }

  /** The projected spec's exact bytes (it is the last field written), or "absent". */
  private String spec(Map<String, ?> spec) {
    String text = Fixtures.text(projectors.project(THINGS, thing(spec)));
    int at = text.indexOf(",\"spec\":");
    return at < 0 ? "absent" : text.substring(at + ",\"spec\":".length(), text.length() - 1);
  }

  private static GenericKubernetesResource thing(Map<String, ?> spec) {
    GenericKubernetesResource thing = new GenericKubernetesResource();
    thing.setApiVersion("example.com/v1");
    thing.setKind("Thing");
    ObjectMeta meta = new ObjectMeta();
    meta.setName("t");
    meta.setNamespace("ns");
    thing.setMetadata(meta);
    thing.setAdditionalProperty("spec", spec);
    return thing;
  }
}
