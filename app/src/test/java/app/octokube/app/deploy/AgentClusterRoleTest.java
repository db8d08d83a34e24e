package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.app.deploy.Scenarios.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Agent only reads: every rule it is given grants get, list and watch, and nothing else, in
 * the chart and in the plain manifest deploy/agent-clusterrole.yaml alike.
 */
class AgentClusterRoleTest {
  private static final Set<String> READ = Set.of("get", "list", "watch");
  private static final String PLAIN_MANIFEST = "deploy/agent-clusterrole.yaml";

  static List<Scenario> scenariosWithAnAgent() {
    return Scenarios.withAgent().stream().filter(s -> !Chart.render(s.values()).ofKind("ClusterRole").isEmpty()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenariosWithAnAgent")
  void everyRuleOfTheChartsClusterRoleGrantsOnlyGetListAndWatch(Scenario scenario) {
    assertReadOnly(Chart.render(scenario.values()).one("ClusterRole", "agent").path("rules"));
  }

  @Test
  void everyRuleOfThePlainManifestGrantsOnlyGetListAndWatch() {
    assertReadOnly(plainClusterRole().path("rules"));
  }

  @Test
  void byDefaultTheChartGrantsExactlyTheRulesOfThePlainManifest() {
    JsonNode chart = Chart.render(Scenarios.BOTH.values()).one("ClusterRole", "agent").path("rules");

    assertThat(chart).isEqualTo(plainClusterRole().path("rules"));
  }

  @Test
  void narrowRbacDropsTheCatchAllRuleAndSecretsAndAddsTheGivenGroup() {
    JsonNode rules = Chart.render(Scenarios.NARROW_RBAC.values()).one("ClusterRole", "agent").path("rules");

    for (JsonNode rule : rules) {
      assertThat(Manifests.texts(rule.path("resources"))).doesNotContain("secrets");
      if (Manifests.texts(rule.path("resources")).contains("*")) {
        assertThat(Manifests.texts(rule.path("apiGroups"))).containsExactly("example.com");
      }
    }
    assertThat(rules.findValues("apiGroups")).extracting(Manifests::texts).doesNotContain(List.of("*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenariosWithAnAgent")
  void theBindingGivesTheRoleToTheServiceAccountTheAgentRunsAs(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());
    JsonNode binding = m.one("ClusterRoleBinding", "agent");

    assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("ClusterRole");
    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(m.one("ClusterRole", "agent").path("metadata").path("name").asText());
    assertThat(binding.path("subjects")).hasSize(1);
    JsonNode subject = binding.path("subjects").get(0);
    assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.path("name").asText()).isEqualTo(m.podSpec("agent").path("serviceAccountName").asText());
    assertThat(subject.path("namespace").asText()).isEqualTo(Chart.NAMESPACE);
  }

  @Test
  void theAgentGetsOneClusterRoleAndNoNamespacedRole() {
    for (Scenario scenario : Scenarios.all()) {
      Manifests m = Chart.render(scenario.values());
      assertThat(m.ofKind("Role")).as(scenario.name()).isEmpty();
      assertThat(m.ofKind("RoleBinding")).as(scenario.name()).isEmpty();
      assertThat(m.ofKind("ClusterRole")).as(scenario.name()).hasSizeLessThanOrEqualTo(1);
    }
  }

  private static void assertReadOnly(JsonNode rules) {
    assertThat(rules.size()).isPositive();
    for (JsonNode rule : rules) {
      List<String> verbs = Manifests.texts(rule.path("verbs"));
      // Named, so a failure says which: "*" and every verb that writes, or widens access.
      assertThat(verbs).as("verbs of %s", rule)
          .isNotEmpty()
          .doesNotContain("*", "create", "update", "patch", "delete", "deletecollection",
              "escalate", "bind", "impersonate", "approve", "sign")
          .allMatch(READ::contains);
    }
  }

  private static JsonNode plainClusterRole() {
    Manifests plain = Manifests.parse(Chart.read(PLAIN_MANIFEST));
    List<JsonNode> roles = plain.ofKind("ClusterRole");
    assertThat(roles).hasSize(1);
    return roles.get(0);
  }
}
