package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in kind projects its realistic fixture to exactly the expected bytes (the .json
 * beside the fixture, compacted), and the fields each table leaves out are really gone.
 */
class BuiltinKindsTest {
  private final Projectors projectors = Projectors.withBuiltins();

  static Stream<BuiltinResource> builtins() {
    return BuiltinResources.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtins")
  void projectsItsFixtureToTheExpectedJsonByteForByte(BuiltinResource builtin) throws IOException {
    Projection projection = project(builtin.resource().value());

    assertThat(Fixtures.text(projection)).isEqualTo(expected(builtin.resource()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtins")
  void writesApiVersionKindAndMetadataFirst(BuiltinResource builtin) {
    JsonNode json = Fixtures.parse(project(builtin.resource().value()));

    assertThat(json.fieldNames()).toIterable().startsWith("apiVersion", "kind", "metadata");
    assertThat(json.get("apiVersion").asText()).isEqualTo(builtin.apiVersion());
    assertThat(json.get("kind").asText()).isEqualTo(builtin.kind());
    assertThat(json.get("metadata").has("managedFields")).isFalse();
  }

  @Test
  void workloadsKeepTemplateLabelsAndContainerSummariesButNotTheRestOfThePodSpec() {
    for (String workload : KindFixtures.TEMPLATE_PATHS.keySet()) {
      String path = "/" + KindFixtures.TEMPLATE_PATHS.get(workload).replace('.', '/');
      JsonNode template = Fixtures.parse(project(workload)).at(path);

      assertThat(template.at("/metadata/labels").isEmpty()).as(workload).isFalse();
      assertThat(template.at("/metadata/annotations").isMissingNode()).as(workload).isTrue();
      JsonNode main = template.at("/spec/containers/0");
      assertThat(main.fieldNames())
          .toIterable()
          .as(workload)
          .containsExactly("name", "image", "resources");
      assertThat(template.at("/spec/volumes").isMissingNode()).as(workload).isTrue();
      assertThat(template.at("/spec/dnsPolicy").isMissingNode()).as(workload).isTrue();
    }
  }

  @Test
  void deploymentConditionsDropLastUpdateTime() {
    JsonNode condition = Fixtures.parse(project("deployments.apps")).at("/status/conditions/0");

    assertThat(condition.fieldNames())
        .toIterable()
        .containsExactly("type", "status", "reason", "message", "lastTransitionTime");
  }

  @Test
  void nodesDropImagesVolumesInUseDaemonEndpointsAndHeartbeats() {
    JsonNode node = Fixtures.parse(project("nodes"));

    assertThat(node.at("/status/images").isMissingNode()).isTrue();
    assertThat(node.at("/status/volumesInUse").isMissingNode()).isTrue();
    assertThat(node.at("/status/daemonEndpoints").isMissingNode()).isTrue();
    assertThat(node.at("/status/conditions/0/lastHeartbeatTime").isMissingNode()).isTrue();
    assertThat(node.at("/status/nodeInfo/kubeletVersion").asText()).isEqualTo("v1.33.0");
  }

  @Test
  void secretsKeepTypeAndKeyNamesOnly() {
    JsonNode secret = Fixtures.parse(project("secrets"));

    assertThat(secret.get("type").asText()).isEqualTo("Opaque");
    assertThat(secret.get("data").toString()).isEqualTo("[\"password\",\"username\"]");
    assertThat(Fixtures.text(project("secrets"))).doesNotContain("czNjcjN0", "cGF5bWVudHM");
  }

  @Test
  void configMapsKeepKeyNamesOnly() {
    JsonNode configMap = Fixtures.parse(project("configmaps"));

    assertThat(configMap.get("data").toString())
        .isEqualTo("[\"LOG_LEVEL\",\"application.properties\"]");
    assertThat(configMap.get("binaryData").toString()).isEqualTo("[\"logo.png\"]");
    assertThat(Fixtures.text(project("configmaps"))).doesNotContain("jdbc:", "iVBOR");
  }

  @Test
  void eventsKeepWhatHappenedToWhichObjectAndHowOften() {
    JsonNode event = Fixtures.parse(project("events"));

    assertThat(event.fieldNames())
        .toIterable()
        .containsExactly(
            "apiVersion",
            "kind",
            "metadata",
            "type",
            "reason",
            "message",
            "involvedObject",
            "count",
            "firstTimestamp",
            "lastTimestamp",
            "source",
            "reportingComponent",
            "series");
    assertThat(event.at("/involvedObject/resourceVersion").isMissingNode()).isTrue();
    assertThat(event.at("/series/lastObservedTime").isMissingNode()).isTrue();
  }

  @Test
  void persistentVolumesDropTheirSourceAndNodeAffinity() {
    JsonNode volume = Fixtures.parse(project("persistentvolumes"));

    assertThat(volume.at("/spec/csi").isMissingNode()).isTrue();
    assertThat(volume.at("/spec/nodeAffinity").isMissingNode()).isTrue();
    assertThat(volume.at("/spec/claimRef").toString())
        .isEqualTo("{\"namespace\":\"cache\",\"name\":\"redis-data-redis-master-0\"}");
  }

  @Test
  void customResourceDefinitionsDropSchemas() {
    JsonNode crd = Fixtures.parse(project("customresourcedefinitions.apiextensions.k8s.io"));

    assertThat(crd.at("/spec/versions/0/schema").isMissingNode()).isTrue();
    assertThat(crd.at("/spec/versions/0/additionalPrinterColumns/0/name").asText())
        .isEqualTo("Phase");
    assertThat(crd.at("/status/acceptedNames").isMissingNode()).isTrue();
  }

  @Test
  void everyBuiltinKindHasAFixture() {
    for (BuiltinResource builtin : BuiltinResources.all()) {
      assertThat(
              getClass()
                  .getClassLoader()
                  .getResource(KindFixtures.expectedPath(builtin.resource())))
          .as(builtin.resource().value())
          .isNotNull();
    }
  }

  private Projection project(String resource) {
    ResourceName name = ResourceName.of(resource);
    return projectors.project(name, Fixtures.resource(KindFixtures.input(name)));
  }

  /** The expected file, compacted without reordering: the byte comparison checks field order. */
  private static String expected(ResourceName resource) throws IOException {
    try (InputStream in =
        BuiltinKindsTest.class
            .getClassLoader()
            .getResourceAsStream(KindFixtures.expectedPath(resource))) {
      return Fixtures.JSON.writeValueAsString(Fixtures.JSON.readTree(in));
    }
  }
}
