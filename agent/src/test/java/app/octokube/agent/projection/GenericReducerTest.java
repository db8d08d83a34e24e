package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects of custom and unknown resources keep metadata and status conditions, unless configured.
 */
class GenericReducerTest {
  private static final ResourceName WIDGETS = ResourceName.of("widgets.example.com");
  private static final String WIDGET =
      """
      apiVersion: example.com/v1
      kind: Widget
      metadata:
        name: blue
        namespace: shop
        labels: {tier: web}
        annotations: {example.com/owner: team-a}
        managedFields: [{manager: widget-controller}]
        resourceVersion: "77"
        generation: 4
        uid: 0f0f0f0f-1111-2222-3333-444455556666
      spec:
        size: 3
        secretRef: {name: widget-credentials}
      status:
        observedGeneration: 4
        phase: Ready
        replicas: 3
        conditions:
        - type: Ready
          status: "True"
          reason: AllGood
          message: every part is up
          lastTransitionTime: "2026-04-01T00:00:00Z"
          severity: Info
      """;

  private final Projectors projectors = Projectors.withBuiltins();

  @Test
  void keepsMetadataAndStatusConditionsAndDropsTheSpec() {
    JsonNode json = project(WIDGET);

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("apiVersion", "kind", "metadata", "status");
    assertThat(json.at("/metadata/labels/tier").asText()).isEqualTo("web");
    assertThat(json.at("/metadata/annotations/example.com~1owner").asText()).isEqualTo("team-a");
    assertThat(json.at("/metadata/generation").asInt()).isEqualTo(4);
    assertThat(json.at("/status/conditions/0").toString())
        .isEqualTo(
            "{\"lastTransitionTime\":\"2026-04-01T00:00:00Z\",\"message\":\"every part is up\","
                + "\"reason\":\"AllGood\",\"severity\":\"Info\",\"status\":\"True\",\"type\":\"Ready\"}");
  }

  @Test
  void keepsPhaseAndObservedGenerationButNoOtherStatus() {
    JsonNode status = project(WIDGET).get("status");

    assertThat(status.fieldNames())
        .toIterable()
        .containsExactly("phase", "observedGeneration", "conditions");
  }

  @Test
  void writesNoStatusWhenTheObjectHasNone() {
    JsonNode json =
        project(
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: bare, namespace: shop}\n"
                + "spec: {size: 1}\nstatus: {replicas: 1}\n");

    assertThat(json.has("status")).isFalse();
  }

  @Test
  void keepsConfiguredExtraPathsToo() {
    projectors.register(WIDGETS, List.of("spec.size", "status.replicas"));

    JsonNode json = project(WIDGET);

    assertThat(json.at("/spec").toString()).isEqualTo("{\"size\":3}");
    assertThat(json.at("/status/replicas").asInt()).isEqualTo(3);
    assertThat(json.at("/status/conditions/0/type").asText()).isEqualTo("Ready");
  }

  @Test
  void keysFollowTheObjectsOwnNamespace() {
    Map<String, Object> clusterScoped =
        Fixtures.yaml("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\n");

    assertThat(projectors.keyOf(WIDGETS, Fixtures.resource(Fixtures.yaml(WIDGET))))
        .isEqualTo(ObjectKey.of("shop/blue"));
    assertThat(
            projectors.keyOf(
                ResourceName.of("gadgets.example.com"), Fixtures.resource(clusterScoped)))
        .isEqualTo(ObjectKey.of("g1"));
  }

  private JsonNode project(String yaml) {
    return Fixtures.parse(projectors.project(WIDGETS, Fixtures.resource(Fixtures.yaml(yaml))));
  }
}
