package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.app.deploy.Scenarios.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field the chart writes is one Kubernetes knows. The apiserver drops unknown fields (or
 * only warns), so a misspelt {@code readOnlyRootFileSystem} would install cleanly and protect
 * nothing, and the other tests, reading the same spelling, would not notice. Each manifest is
 * read into fabric8's typed model of the Kubernetes API, which keeps any field it does not know
 * aside as an "additional property"; none may be left there.
 */
class KubernetesFieldsTest {
  /** Kinds outside the core API that fabric8's model does not type: the Prometheus Operator's. */
  private static final Set<String> UNTYPED = Set.of("ServiceMonitor");
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyFieldOfEveryManifestIsAFieldOfItsKind(Scenario scenario) throws Exception {
    for (JsonNode doc : Chart.render(scenario.values()).documents()) {
      String kind = doc.path("kind").asText();
      if (UNTYPED.contains(kind)) {
        continue;
      }
      Object typed = KUBERNETES.unmarshal(doc.toString());
      assertThat(typed).as(kind).isInstanceOf(HasMetadata.class).isNotInstanceOf(GenericKubernetesResource.class);

      List<String> unknown = new ArrayList<>();
      collectUnknownFields(typed, kind, unknown);
      assertThat(unknown).as("fields Kubernetes does not know in %s %s", kind, doc.path("metadata").path("name").asText())
          .isEmpty();
    }
  }

  private static void collectUnknownFields(Object value, String path, List<String> unknown) throws Exception {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectUnknownFields(e.getValue(), path + "." + e.getKey(), unknown);
      }
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object field = getter.invoke(value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        String name = getter.getName().substring(3);
        collectUnknownFields(field, path + "." + name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1), unknown);
      }
    }
  }
}
