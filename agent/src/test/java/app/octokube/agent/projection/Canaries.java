package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique strings planted where the redaction floor must hold. Each names its place, and all share
 * {@link #MARK}, so one search of the output bytes finds any of them.
 */
final class Canaries {
  static final String MARK = "CANARY-";

  static final String SECRET_DATA = "CANARY-SECRET-DATA-7f3a";
  static final String SECRET_STRING_DATA = "CANARY-SECRET-STRINGDATA-7f3a";
  static final String CONFIG_DATA = "CANARY-CONFIGMAP-DATA-7f3a";
  static final String CONFIG_BINARY = "CANARY-CONFIGMAP-BINARY-7f3a";
  static final String ENV_VALUE = "CANARY-ENV-VALUE-7f3a";
  static final String ENV_REF = "CANARY-ENV-SECRETREF-7f3a";
  static final String LAST_APPLIED = "CANARY-LAST-APPLIED-7f3a";
  static final String MANAGED = "CANARY-MANAGED-FIELDS-7f3a";

  private Canaries() {}

  /** Asserts no canary made it into the projection's bytes. */
  static void assertNone(Projection projection) {
    assertThat(Fixtures.text(projection))
        .as(projection.resource() + " " + projection.key())
        .doesNotContain(MARK);
  }

  /** Plants the last-applied annotation (holding a canary) and managedFields in metadata. */
  @SuppressWarnings("unchecked")
  static void plantInMetadata(Map<String, Object> tree) {
    Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
    Map<String, Object> annotations =
        (Map<String, Object>) metadata.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
    annotations.put(
        RedactionFloor.LAST_APPLIED, "{\"data\":{\"password\":\"" + LAST_APPLIED + "\"}}");
    metadata.put("managedFields", List.of(Map.of("manager", MANAGED, "operation", "Update")));
  }

  /**
   * Gives every container in {@code podSpec} (containers, initContainers, ephemeralContainers;
   * creating one of each kind that is missing) an env entry with a canary value and one whose
   * valueFrom names a Secret and key that are canaries too.
   */
  @SuppressWarnings("unchecked")
  static void plantInPodSpec(Map<String, Object> podSpec) {
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      List<Object> containers =
          (List<Object>)
              podSpec.computeIfAbsent(
                  list,
                  k ->
                      new ArrayList<>(
                          List.of(
                              new LinkedHashMap<>(
                                  Map.of("name", list + "-0", "image", "busybox")))));
      for (Object container : containers) {
        List<Object> env =
            (List<Object>)
                ((Map<String, Object>) container).computeIfAbsent("env", k -> new ArrayList<>());
        env.add(Map.of("name", "PLAIN", "value", ENV_VALUE));
        env.add(
            Map.of(
                "name",
                "FROM_SECRET",
                "valueFrom",
                Map.of("secretKeyRef", Map.of("name", ENV_REF, "key", ENV_REF))));
      }
    }
  }
}
