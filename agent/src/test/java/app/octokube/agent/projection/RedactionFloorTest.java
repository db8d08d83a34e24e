package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The floor holds whatever the tables or configuration select: canaries planted in Secret and
 * ConfigMap values, env values, the last-applied annotation and managedFields never reach the
 * output bytes, for any kind, through any projector.
 */
class RedactionFloorTest {
  private static final ResourceName SECRETS = ResourceName.of("secrets");
  private static final ResourceName CONFIGMAPS = ResourceName.of("configmaps");
  private static final ResourceName PODS = ResourceName.of("pods");

  private final Projectors projectors = Projectors.withBuiltins();

  static List<BuiltinResource> builtins() {
    return BuiltinResources.all();
  }

  @Test
  void secretValuesNeverAppearOnlyTheirKeys() {
    Projection projection = projectors.project(SECRETS, Fixtures.resource(secretWithCanaries()));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).get("data").toString())
        .isEqualTo("[\"password\",\"username\"]");
    assertThat(Fixtures.parse(projection).get("stringData").toString()).isEqualTo("[\"token\"]");
  }

  @Test
  void secretValuesNeverAppearWhenTheGenericReducerProjectsASecret() {
    ResourceName misnamed = ResourceName.of("secrets.example.com");

    Canaries.assertNone(projectors.project(misnamed, Fixtures.resource(secretWithCanaries())));
  }

  @Test
  void secretValuesNeverAppearWhenConfigurationSelectsDataWhole() {
    ResourceName custom = ResourceName.of("sealedsecrets.example.com");
    projectors.register(custom, List.of("data", "stringData", "type"));

    Projection projection = projectors.project(custom, Fixtures.resource(secretWithCanaries()));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).get("data").toString())
        .isEqualTo("[\"password\",\"username\"]");
  }

  @Test
  void secretValuesNeverAppearWhenDataIsNotAMap() {
    ResourceName custom = ResourceName.of("oddsecrets.example.com");
    projectors.register(custom, List.of("data"));
    Map<String, Object> odd = secretWithCanaries();
    odd.put("data", Canaries.SECRET_DATA);

    Projection projection = projectors.project(custom, Fixtures.resource(odd));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).has("data")).isFalse();
  }

  @Test
  void configMapValuesNeverAppearOnlyTheirKeys() {
    Map<String, Object> configMap = Fixtures.tree("fixtures/kinds/configmaps.yaml");
    configMap.put("data", Map.of("LOG_LEVEL", Canaries.CONFIG_DATA));
    configMap.put("binaryData", Map.of("logo.png", Canaries.CONFIG_BINARY));

    Projection projection = projectors.project(CONFIGMAPS, Fixtures.resource(configMap));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).get("data").toString()).isEqualTo("[\"LOG_LEVEL\"]");
  }

  @Test
  void envValuesNeverAppearInAnyPodContainerEvenWhenTheWholeSpecIsSelected() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Canaries.plantInPodSpec(Fixtures.at(pod, "spec"));
    projectors.register(PODS, List.of("spec"));

    Projection projection = projectors.project(PODS, Fixtures.resource(pod));

    Canaries.assertNone(projection);
    JsonNode json = Fixtures.parse(projection);
    assertThat(json.at("/spec/initContainers/0/env").size()).isEqualTo(2);
    assertThat(json.at("/spec/ephemeralContainers/0/env").size()).isEqualTo(2);
  }

  @Test
  void envEntriesKeepTheNameAndOnlyTheKindOfTheirSource() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Canaries.plantInPodSpec(Fixtures.at(pod, "spec"));
    projectors.register(PODS, List.of("spec.containers[].env"));

    JsonNode env =
        Fixtures.parse(projectors.project(PODS, Fixtures.resource(pod)))
            .at("/spec/containers/0/env");

    assertThat(env.get(0).toString()).isEqualTo("{\"name\":\"POD_NAME\",\"from\":\"fieldRef\"}");
    assertThat(env.get(6).toString()).isEqualTo("{\"name\":\"JAVA_TOOL_OPTIONS\"}");
    assertThat(env.get(11).toString())
        .isEqualTo("{\"name\":\"FROM_SECRET\",\"from\":\"secretKeyRef\"}");
  }

  @Test
  void envValuesNeverAppearEvenWhenAPathNamesValueExplicitly() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Canaries.plantInPodSpec(Fixtures.at(pod, "spec"));
    projectors.register(
        PODS, List.of("spec.containers[].env[].value", "spec.containers[].env[].valueFrom"));

    Canaries.assertNone(projectors.project(PODS, Fixtures.resource(pod)));
  }

  @Test
  void envWrittenAsAMapKeepsOnlyItsNames() {
    ResourceName releases = ResourceName.of("releases.example.com");
    projectors.register(releases, List.of("spec"));
    Map<String, Object> release =
        Fixtures.yaml(
            "apiVersion: example.com/v1\nkind: Release\nmetadata: {name: r, namespace: ns}\n"
                + "spec: {chart: web, env: {API_KEY: "
                + Canaries.ENV_VALUE
                + "}}\n");

    Projection projection = projectors.project(releases, Fixtures.resource(release));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).at("/spec/env").toString()).isEqualTo("[\"API_KEY\"]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("app.octokube.agent.projection.KindFixtures#workloads")
  void envValuesNeverAppearInWorkloadTemplatesEvenWhenTheWholeSpecIsSelected(
      ResourceName workload) {
    Map<String, Object> tree = KindFixtures.input(workload);
    Canaries.plantInPodSpec(
        Fixtures.at(tree, KindFixtures.TEMPLATE_PATHS.get(workload.value()) + ".spec"));

    Canaries.assertNone(projectors.project(workload, Fixtures.resource(tree)));
    projectors.register(workload, List.of("spec"));
    Canaries.assertNone(projectors.project(workload, Fixtures.resource(tree)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtins")
  void lastAppliedAnnotationAndManagedFieldsNeverAppearOnAnyKind(BuiltinResource builtin) {
    Map<String, Object> tree = KindFixtures.input(builtin.resource());
    Canaries.plantInMetadata(tree);

    Projection projection = projectors.project(builtin.resource(), Fixtures.resource(tree));

    Canaries.assertNone(projection);
    assertThat(Fixtures.text(projection))
        .doesNotContain(RedactionFloor.LAST_APPLIED, "managedFields");
  }

  @Test
  void lastAppliedAnnotationNeverAppearsInsideATemplateEither() {
    Map<String, Object> deployment = KindFixtures.input(ResourceName.of("deployments.apps"));
    Fixtures.at(deployment, "spec.template.metadata.annotations")
        .put(RedactionFloor.LAST_APPLIED, Canaries.LAST_APPLIED);
    projectors.register(ResourceName.of("deployments.apps"), List.of("spec.template.metadata"));

    Projection projection =
        projectors.project(ResourceName.of("deployments.apps"), Fixtures.resource(deployment));

    Canaries.assertNone(projection);
    assertThat(
            Fixtures.parse(projection)
                .at("/spec/template/metadata/annotations/prometheus.io~1scrape")
                .asText())
        .isEqualTo("false");
  }

  @Test
  void annotationsLongerThan512CharactersAreDroppedAndShorterOnesKept() {
    Map<String, Object> tree = Fixtures.tree("fixtures/kinds/namespaces.yaml");
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("long", "x".repeat(RedactionFloor.MAX_ANNOTATION_LENGTH + 1));
    annotations.put("limit", "y".repeat(RedactionFloor.MAX_ANNOTATION_LENGTH));
    Fixtures.at(tree, "metadata").put("annotations", annotations);

    JsonNode metadata =
        Fixtures.parse(projectors.project(ResourceName.of("namespaces"), Fixtures.resource(tree)))
            .get("metadata");

    assertThat(metadata.get("annotations").fieldNames()).toIterable().containsExactly("limit");
  }

  @Test
  void annotationsAreOmittedWhenNoneIsKept() {
    Map<String, Object> tree = Fixtures.tree("fixtures/kinds/namespaces.yaml");
    Canaries.plantInMetadata(tree);

    JsonNode metadata =
        Fixtures.parse(projectors.project(ResourceName.of("namespaces"), Fixtures.resource(tree)))
            .get("metadata");

    assertThat(metadata.has("annotations")).isFalse();
  }

  @Test
  void managedFieldsNeverAppearInsideACopiedSubtree() {
    ResourceName widgets = ResourceName.of("widgets.example.com");
    projectors.register(widgets, List.of("spec"));
    Map<String, Object> widget =
        Fixtures.yaml(
            "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ns}\n"
                + "spec: {size: 3, embedded: {managedFields: [{manager: "
                + Canaries.MANAGED
                + "}]}}\n");

    Projection projection = projectors.project(widgets, Fixtures.resource(widget));

    Canaries.assertNone(projection);
    assertThat(Fixtures.parse(projection).at("/spec/size").asInt()).isEqualTo(3);
  }

  private static Map<String, Object> secretWithCanaries() {
    Map<String, Object> secret = Fixtures.tree("fixtures/kinds/secrets.yaml");
    secret.put(
        "data",
        new LinkedHashMap<>(
            Map.of("password", Canaries.SECRET_DATA, "username", Canaries.SECRET_DATA)));
    secret.put("stringData", Map.of("token", Canaries.SECRET_STRING_DATA));
    Canaries.plantInMetadata(secret);
    return secret;
  }
}
