package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.app.deploy.Scenarios.Scenario;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.rbac.PolicyParser;
import app.octokube.protocol.ClusterId;
import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the chart renders for each way of installing it, and what it refuses to render. */
class ChartRenderingTest {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding");

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @Test
  void defaultValuesAloneAreRefusedNamingTheClusterTokenTheBackendNeeds() {
    // The Backend exits at start-up without a cluster; refusing the render says why at install.
    assertThat(Chart.refusal(""))
        .contains("backend.agentTokens names no cluster")
        .contains("openssl rand -hex 32")
        .contains("sha256sum");
  }

  @Test
  void theChartPassesHelmLintInStrictMode() {
    LintResult lint = new Helm(Chart.chartDirectory()).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsWithOneClusterInstallABackendAndNoAgent() {
    Manifests m = Chart.render(Scenarios.BACKEND_MINIMAL.values());

    assertThat(m.documents()).extracting(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("Secret", "ConfigMap", "Service", "Deployment");
    assertThat(m.find("Deployment", "agent")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyDocumentIsAKubernetesObjectWhoseNameIsADnsLabel(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    assertThat(m.documents()).isNotEmpty();
    for (JsonNode doc : m.documents()) {
      assertThat(doc.isObject()).as("a document of %s is an object", scenario).isTrue();
      String kind = doc.path("kind").asText();
      String name = doc.path("metadata").path("name").asText();
      assertThat(doc.path("apiVersion").asText()).as("apiVersion of %s %s", kind, name).isNotBlank();
      assertThat(kind).as("kind of %s", name).isNotBlank();
      assertThat(name).as("name of a %s", kind).matches(DNS_LABEL);
      if (CLUSTER_SCOPED.contains(kind)) {
        assertThat(doc.path("metadata").has("namespace")).as("%s %s is cluster-scoped", kind, name).isFalse();
      } else {
        assertThat(doc.path("metadata").path("namespace").asText()).as("namespace of %s %s", kind, name)
            .isEqualTo(Chart.NAMESPACE);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void noTwoObjectsOfOneKindShareAName(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    List<String> kindsAndNames = m.documents().stream()
        .map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
        .toList();
    assertThat(kindsAndNames).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyObjectAndPodCarriesTheStandardLabels(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    for (JsonNode doc : m.documents()) {
      JsonNode labels = doc.path("metadata").path("labels");
      String what = doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText();
      assertThat(labels.path("app.kubernetes.io/name").asText()).as(what).isEqualTo("octokube");
      assertThat(labels.path("app.kubernetes.io/instance").asText()).as(what).isEqualTo(Chart.RELEASE);
      assertThat(labels.path("app.kubernetes.io/component").asText()).as(what).isIn("backend", "agent");
      assertThat(labels.path("app.kubernetes.io/managed-by").asText()).as(what).isEqualTo("Helm");
      assertThat(labels.path("app.kubernetes.io/version").asText()).as(what).isNotBlank();
    }
    for (JsonNode deployment : m.ofKind("Deployment")) {
      JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
      JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
      selector.fields().forEachRemaining(e ->
          assertThat(podLabels.path(e.getKey()).asText()).as("pod label %s", e.getKey()).isEqualTo(e.getValue().asText()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theInstallNotesSayHowToReachEachInstalledComponent(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());
    String output = Chart.installOutput(scenario.values());

    assertThat(output).contains("NOTES:");
    if (m.find("Deployment", "backend").isPresent()) {
      String service = m.one("Service", "backend").path("metadata").path("name").asText();
      assertThat(output).contains("BACKEND").contains("ws://" + service + "." + Chart.NAMESPACE + ".svc:");
    }
    if (m.find("Deployment", "agent").isPresent()) {
      assertThat(output).contains("AGENT").contains("Connects to: " + m.env("agent").get("OCTOKUBE_BACKEND_URL"));
    }
  }

  @Test
  void theNotesWarnOfAPolicyThatLetsNobodyInAndOfAMissingOrigin() {
    String output = Chart.installOutput(Scenarios.BACKEND_MINIMAL.values());

    assertThat(output).contains("the policy is \"{}\"").contains("no allowed origin");
  }

  @Test
  void aBackendOnlyInstallCreatesNoAgentObjects() {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());

    assertThat(m.documents()).allSatisfy(d ->
        assertThat(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo("backend"));
    assertThat(m.ofKind("ClusterRole")).isEmpty();
    assertThat(m.ofKind("ServiceAccount")).isEmpty();
  }

  @Test
  void anAgentOnlyInstallCreatesNoBackendObjects() {
    Manifests m = Chart.render(Scenarios.AGENT_ONLY.values());

    assertThat(m.documents()).allSatisfy(d ->
        assertThat(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText()).isEqualTo("agent"));
    assertThat(m.documents()).extracting(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("ServiceAccount", "Secret", "ClusterRole", "ClusterRoleBinding", "Deployment");
  }

  @Test
  void theIngressServesItsHostWithTlsAndItsHttpsOriginIsAllowed() {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());
    JsonNode spec = m.one("Ingress", "backend").path("spec");

    assertThat(spec.path("ingressClassName").asText()).isEqualTo("nginx");
    assertThat(spec.path("tls").get(0).path("secretName").asText()).isEqualTo("octokube-tls");
    assertThat(spec.path("tls").get(0).path("hosts").get(0).asText()).isEqualTo("octokube.example.com");
    assertThat(spec.path("rules").get(0).path("host").asText()).isEqualTo("octokube.example.com");
    assertThat(m.env("backend")).containsEntry("OCTOKUBE_ALLOWED_ORIGINS", "https://octokube.example.com");
  }

  @Test
  void listedOriginsReplaceTheIngressDefault() {
    Manifests m = Chart.render(Scenarios.BOTH.values());

    assertThat(m.env("backend")).containsEntry("OCTOKUBE_ALLOWED_ORIGINS", "http://localhost:8080");
  }

  @Test
  void theBackendRunsOnTheThroughputCollectorAndTheAgentOnTheJvmsChoice() {
    Manifests m = Chart.render(Scenarios.BOTH.values());

    assertThat(m.env("backend")).containsEntry("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC");
    assertThat(m.env("agent")).doesNotContainKey("JDK_JAVA_OPTIONS");
  }

  @Test
  void withNeitherIngressNorListedOriginsTheOriginVariableIsLeftOut() {
    // An empty OCTOKUBE_ALLOWED_ORIGINS would read as one empty origin; absent reads as none.
    assertThat(Chart.render(Scenarios.BACKEND_MINIMAL.values()).env("backend"))
        .doesNotContainKey("OCTOKUBE_ALLOWED_ORIGINS");
  }

  @Test
  void existingSecretsAndPolicyAreMountedAndNoneIsCreated() {
    Manifests m = Chart.render(Scenarios.EXISTING_SECRETS.values());

    assertThat(m.ofKind("Secret")).isEmpty();
    assertThat(m.ofKind("ConfigMap")).isEmpty();
    assertThat(m.ofKind("ServiceAccount")).isEmpty();
    assertThat(m.volume("backend", "agent-tokens").path("secret").path("secretName").asText())
        .isEqualTo("octokube-agent-tokens");
    assertThat(m.volume("backend", "policy").path("configMap").path("name").asText()).isEqualTo("octokube-policy");
    assertThat(m.volume("agent", "token").path("secret").path("secretName").asText()).isEqualTo("octokube-agent-token");
    assertThat(m.podSpec("agent").path("serviceAccountName").asText()).isEqualTo("octokube-reader");
    // A Secret the chart does not render cannot be checksummed: restarting after a change is the operator's.
    assertThat(m.one("Deployment", "backend").path("spec").path("template").path("metadata").path("annotations")
        .has("checksum/agent-tokens")).isFalse();
  }

  @Test
  void theAgentTokenSecretHoldsTheTokenAsGiven() {
    JsonNode secret = Chart.render(Scenarios.AGENT_ONLY.values()).one("Secret", "agent");

    String token = new String(Base64.getDecoder().decode(secret.path("data").path("token").asText()), StandardCharsets.UTF_8);
    assertThat(token).isEqualTo(Scenarios.STAGING_TOKEN);
  }

  @Test
  void theAgentTokensFileIsOneTheBackendAcceptsWithEveryClusterAndItsLowercaseHash() {
    JsonNode secret = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values()).one("Secret", "backend");
    String file = secret.path("stringData").path("agent-tokens.yaml").asText();

    Map<ClusterId, String> hashes = new LinkedHashMap<>();
    for (String line : file.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 2);
      hashes.put(ClusterId.of(parts[0].strip()), parts[1].strip());
    }
    // The Backend's reader wants lowercase hex; the chart lowers what operators paste.
    assertThat(hashes).containsExactly(
        Map.entry(ClusterId.of("prod-eu"), AgentTokens.sha256Hex(Scenarios.PROD_TOKEN)),
        Map.entry(ClusterId.of("staging"), AgentTokens.sha256Hex(Scenarios.STAGING_TOKEN)));
    AgentTokens tokens = AgentTokens.fromHashes(hashes);
    assertThat(tokens.authenticate(Scenarios.STAGING_TOKEN)).contains(ClusterId.of("staging"));
  }

  @Test
  void theStoredPolicyIsTheOperatorsTextAndTheBackendAcceptsIt() throws Exception {
    for (Scenario scenario : List.of(Scenarios.BACKEND_MINIMAL, Scenarios.BACKEND_WITH_INGRESS)) {
      String policy = Chart.render(scenario.values()).one("ConfigMap", "backend").path("data").path("policy.yaml").asText();
      String given = Manifests.parseYaml(scenario.values()).path("backend").path("policy").asText("{}\n");

      assertThat(policy).as(scenario.name()).isEqualTo(given);
      PolicyParser.parse(policy);
    }
  }

  @Test
  void changingTheAgentTokensRestartsTheBackendButChangingThePolicyDoesNot() {
    String base = Scenarios.BACKEND_MINIMAL.values();
    String otherToken = base.replace(AgentTokens.sha256Hex(Scenarios.PROD_TOKEN), AgentTokens.sha256Hex("rotated"));
    String otherPolicy = base + "  policy: |\n    teams: []\n";

    assertThat(tokensChecksum(otherToken)).isNotEqualTo(tokensChecksum(base));
    assertThat(tokensChecksum(otherPolicy)).isEqualTo(tokensChecksum(base));
  }

  private static String tokensChecksum(String values) {
    return Chart.render(values).one("Deployment", "backend")
        .path("spec").path("template").path("metadata").path("annotations").path("checksum/agent-tokens").asText();
  }

  @Test
  void longNamesAreCutSoThatComponentsKeepDistinctNames() {
    Manifests m = Chart.render(Scenarios.LONG_NAMES.values());

    String backend = m.one("Deployment", "backend").path("metadata").path("name").asText();
    String agent = m.one("Deployment", "agent").path("metadata").path("name").asText();
    assertThat(backend).endsWith("-backend").hasSizeLessThanOrEqualTo(63);
    assertThat(agent).endsWith("-agent").hasSizeLessThanOrEqualTo(63);
  }

  static Stream<Arguments> refusedValues() {
    String hash = AgentTokens.sha256Hex(Scenarios.PROD_TOKEN);
    String cluster = "backend:\n  agentTokens:\n    prod-eu: " + hash + "\n";
    String agent = "backend:\n  enabled: false\nagent:\n  enabled: true\n";
    List<Arguments> cases = new ArrayList<>(List.of(
        Arguments.of("a cluster id that is not a DNS label",
            "backend:\n  agentTokens:\n    Prod_EU: " + hash + "\n", "cluster id \"Prod_EU\" is not a DNS-1123 label"),
        Arguments.of("a token where its hash belongs",
            "backend:\n  agentTokens:\n    prod-eu: " + Scenarios.PROD_TOKEN + "\n", "never the token itself"),
        Arguments.of("two clusters with one token",
            "backend:\n  agentTokens:\n    a: " + hash + "\n    b: " + hash + "\n", "share one token hash"),
        Arguments.of("a policy written as a mapping",
            cluster + "  policy:\n    teams: []\n", "backend.policy must be the policy as text"),
        Arguments.of("an origin with a path",
            cluster + "  allowedOrigins: [\"https://octokube.example.com/ide\"]\n", "is not a web origin"),
        Arguments.of("an Ingress without a host",
            cluster + "  ingress:\n    enabled: true\n", "backend.ingress.host is required"),
        Arguments.of("an Agent without a token",
            agent + "  backendUrl: wss://octokube.example.com\n", "agent.token is required"),
        Arguments.of("an Agent token with a space inside",
            agent + "  backendUrl: wss://octokube.example.com\n  token: \"two words\"\n", "visible ASCII"),
        Arguments.of("an Agent without a Backend to reach",
            agent + "  token: t\n", "agent.backendUrl is required"),
        Arguments.of("an https:// Backend URL",
            agent + "  token: t\n  backendUrl: https://octokube.example.com\n", "must be wss://host"),
        Arguments.of("a Backend URL with credentials",
            agent + "  token: t\n  backendUrl: wss://user:pw@octokube.example.com\n", "must be wss://host"),
        Arguments.of("a CA for a plain-text URL",
            agent + "  token: t\n  backendUrl: ws://octokube:8080\n  caSecret: ca\n", "only applies to wss://"),
        Arguments.of("no ServiceAccount to run as",
            agent + "  token: t\n  backendUrl: wss://o.example.com\n  serviceAccount:\n    create: false\n",
            "agent.serviceAccount.name is required"),
        Arguments.of("a write verb among the extra rules",
            agent + "  token: t\n  backendUrl: wss://o.example.com\n  rbac:\n    extraRules:\n"
                + "      - apiGroups: [apps]\n        resources: [deployments]\n        verbs: [get, patch]\n",
            "grants \"patch\""),
        Arguments.of("a wildcard verb among the extra rules",
            agent + "  token: t\n  backendUrl: wss://o.example.com\n  rbac:\n    extraRules:\n"
                + "      - apiGroups: [\"*\"]\n        resources: [\"*\"]\n        verbs: [\"*\"]\n",
            "grants \"*\""),
        Arguments.of("no secrets but the catch-all rule kept",
            agent + "  token: t\n  backendUrl: wss://o.example.com\n  rbac:\n    readSecrets: false\n",
            "needs agent.rbac.allResources=false")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedValues")
  void valuesTheComponentsCannotRunWithAreRefusedWithAMessageNamingTheValue(String what, String values, String message) {
    assertThat(Chart.refusal(values)).contains(message);
  }
}
