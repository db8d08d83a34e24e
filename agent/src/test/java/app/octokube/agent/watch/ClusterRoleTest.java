package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.projection.BuiltinResource;
import app.octokube.agent.projection.BuiltinResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped ClusterRole grants what the watchers need, and nothing but reading. */
class ClusterRoleTest {
  /** Surefire runs in the module's directory. */
  private static final Path CLUSTER_ROLE = Path.of("..", ApiFailure.CLUSTER_ROLE_FILE);

  private static List<JsonNode> documents() throws IOException {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<JsonNode> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(CLUSTER_ROLE))) {
      mapper.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }

  private static JsonNode clusterRole() throws IOException {
    return documents().stream().filter(d -> d.path("kind").asText().equals("ClusterRole"))
        .findFirst().orElseThrow();
  }

  /** "group/resource" for every pair a rule names explicitly, without wildcards. */
  private static Set<String> explicitGrants(JsonNode role) {
    Set<String> grants = new HashSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          grants.add(group.asText() + "/" + resource.asText());
        }
      }
    }
    return grants;
  }

  @Test
  void everyRuleGrantsOnlyGetListAndWatch() throws IOException {
    for (JsonNode rule : clusterRole().path("rules")) {
      List<String> verbs = new ArrayList<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      assertThat(verbs).isSubsetOf("get", "list", "watch").contains("list", "watch");
    }
  }

  @Test
  void everyBuiltInKindAndTheCrdsAreGrantedByName() throws IOException {
    Set<String> grants = explicitGrants(clusterRole());
    for (BuiltinResource builtin : BuiltinResources.all()) {
      assertThat(grants).as("the ClusterRole grants %s", builtin.resource())
          .contains(builtin.group() + "/" + builtin.resource().plural());
    }
    assertThat(grants).contains("apiextensions.k8s.io/customresourcedefinitions");
  }

  @Test
  void theBindingGivesTheRoleToTheAgentsServiceAccount() throws IOException {
    JsonNode binding = documents().stream()
        .filter(d -> d.path("kind").asText().equals("ClusterRoleBinding")).findFirst().orElseThrow();
    JsonNode account = documents().stream()
        .filter(d -> d.path("kind").asText().equals("ServiceAccount")).findFirst().orElseThrow();

    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(clusterRole().path("metadata").path("name").asText());
    assertThat(binding.path("subjects").get(0).path("name").asText())
        .isEqualTo(account.path("metadata").path("name").asText());
    assertThat(binding.path("subjects").get(0).path("namespace").asText())
        .isEqualTo(account.path("metadata").path("namespace").asText());
  }
}
