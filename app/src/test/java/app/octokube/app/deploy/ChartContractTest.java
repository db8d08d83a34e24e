package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.link.LinkConfig;
import app.octokube.app.Octokube;
import app.octokube.app.deploy.Scenarios.Scenario;
import app.octokube.backend.agents.AgentEndpoint;
import app.octokube.backend.auth.SessionEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The chart agrees with the code: the ports, paths, flags, variables and files it gives the
 * containers are the ones {@code octokube backend} and {@code octokube agent} use, read from the
 * code (constants, the picocli model, the command itself) rather than repeated here.
 */
class ChartContractTest {
  /** Read by logback.xml rather than by an option. */
  private static final String LOG_LEVEL = "OCTOKUBE_LOG_LEVEL";
  /** Read by the {@code java} launcher the image starts. */
  private static final String JVM_OPTIONS = "JDK_JAVA_OPTIONS";

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void eachContainerRunsItsOwnSubcommandWithArgumentsTheCommandParses(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    for (String component : List.of("backend", "agent")) {
      if (m.find("Deployment", component).isEmpty()) {
        continue;
      }
      List<String> args = m.args(component);
      assertThat(args).first().isEqualTo(component);
      // Parsing without running: an unknown flag or a value of the wrong type fails here.
      CommandLine.ParseResult parsed = Octokube.commandLine().parseArgs(args.toArray(String[]::new));
      assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(component);
      assertThat(parsed.subcommand().unmatched()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyVariableTheChartSetsIsReadByTheCommand(Scenario scenario) throws IOException {
    Manifests m = Chart.render(scenario.values());

    for (String component : List.of("backend", "agent")) {
      if (m.find("Deployment", component).isEmpty()) {
        continue;
      }
      Set<String> read = Commands.environmentVariables(component);
      for (String name : m.env(component).keySet()) {
        if (name.equals(LOG_LEVEL)) {
          assertThat(resource("/logback.xml")).contains("${" + LOG_LEVEL);
        } else if (name.equals(JVM_OPTIONS)) {
          assertThat(Dockerfile.parse(Chart.read("deploy/docker/Dockerfile")).last("ENTRYPOINT").arguments())
              .startsWith("[\"java\"");
        } else {
          assertThat(read).as("variables octokube %s reads", component).contains(name);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyFileTheContainersAreToldToReadIsMountedWithItsKey(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    for (String component : List.of("backend", "agent")) {
      if (m.find("Deployment", component).isEmpty()) {
        continue;
      }
      for (Map.Entry<String, String> env : m.env(component).entrySet()) {
        if (env.getValue() == null || !env.getValue().startsWith("/etc/octokube/")) {
          continue;
        }
        Path file = Path.of(env.getValue());
        JsonNode mount = mountAt(m.container(component), file.getParent().toString());
        JsonNode volume = m.volume(component, mount.path("name").asText());
        JsonNode source = volume.has("secret") ? volume.path("secret") : volume.path("configMap");
        String key = keyMountedAs(source, file.getFileName().toString());
        // A Secret or ConfigMap the chart renders must hold that key; existing ones are the operator's.
        String kind = volume.has("secret") ? "Secret" : "ConfigMap";
        String name = volume.has("secret") ? source.path("secretName").asText() : source.path("name").asText();
        m.named(kind, name).ifPresent(object ->
            assertThat(object.path("data").has(key) || object.path("stringData").has(key))
                .as("%s %s holds %s for %s", kind, name, key, env.getKey()).isTrue());
      }
    }
  }

  @Test
  void theBackendListensOnThePortTheCommandDefaultsToAndEverythingPointsAtIt() throws IOException {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());
    int port = Integer.parseInt(Commands.envFallback("backend", "--port"));
    JsonNode container = m.container("backend");

    assertThat(container.path("ports")).hasSize(1);
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
    assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(m.args("backend")).contains("--port=" + port);
    JsonNode servicePort = m.one("Service", "backend").path("spec").path("ports").get(0);
    assertThat(servicePort.path("name").asText()).isEqualTo("http");
    assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("http");
    }
    JsonNode annotations = m.one("Deployment", "backend").path("spec").path("template").path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
    assertThat(m.one("ServiceMonitor", "backend").path("spec").path("endpoints").get(0).path("port").asText())
        .isEqualTo("http");
    assertThat(Dockerfile.parse(Chart.read("deploy/docker/Dockerfile")).last("EXPOSE").arguments())
        .isEqualTo(String.valueOf(port));
  }

  @Test
  void theIngressSendsTheAgentLinkAndTheApiToTheBackendService() {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());
    String service = m.one("Service", "backend").path("metadata").path("name").asText();

    // The two sides of the Agent link name one path.
    assertThat(LinkConfig.CONNECT_PATH).isEqualTo(AgentEndpoint.PATH);
    for (String path : List.of(AgentEndpoint.PATH, SessionEndpoint.PATH, "/")) {
      JsonNode route = routeFor(m.one("Ingress", "backend"), path);
      assertThat(route.path("backend").path("service").path("name").asText()).as(path).isEqualTo(service);
      assertThat(route.path("backend").path("service").path("port").path("name").asText()).as(path).isEqualTo("http");
    }
  }

  @Test
  void anAgentOfAnotherClusterConnectsToTheBackendsLinkEndpointOverTls() {
    Manifests m = Chart.render(Scenarios.AGENT_ONLY.values());
    Map<String, String> env = m.env("agent");

    LinkConfig link = LinkConfig.of(env.get("OCTOKUBE_BACKEND_URL")).withCaFile(Path.of(env.get("OCTOKUBE_CA_FILE")));
    assertThat(link.tls()).isTrue();
    assertThat(link.endpoint()).isEqualTo(URI.create("wss://octokube.example.com" + AgentEndpoint.PATH));
  }

  @Test
  void anAgentInTheBackendsReleaseConnectsToItsService() {
    Manifests m = Chart.render(Scenarios.BOTH.values());
    JsonNode service = m.one("Service", "backend");

    URI endpoint = LinkConfig.of(m.env("agent").get("OCTOKUBE_BACKEND_URL")).endpoint();
    assertThat(endpoint.getScheme()).isEqualTo("ws");
    assertThat(endpoint.getHost()).isEqualTo(service.path("metadata").path("name").asText() + "." + Chart.NAMESPACE + ".svc");
    assertThat(endpoint.getPort()).isEqualTo(service.path("spec").path("ports").get(0).path("port").asInt());
    assertThat(endpoint.getPath()).isEqualTo(AgentEndpoint.PATH);
  }

  @Test
  void theImageIsTheChartsAppVersionWhichIsTheBuildsVersion() throws IOException {
    JsonNode chart = Manifests.parseYaml(Chart.read("deploy/helm/octokube/Chart.yaml"));
    String appVersion = chart.path("appVersion").asText();
    Properties build = new Properties();
    try (InputStream in = ChartContractTest.class.getResourceAsStream("/octokube-version.properties")) {
      build.load(in);
    }

    assertThat(appVersion).isEqualTo(build.getProperty("version").replace("-SNAPSHOT", ""));
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    Manifests m = Chart.render(Scenarios.BOTH.values());
    for (String component : List.of("backend", "agent")) {
      assertThat(m.container(component).path("image").asText()).isEqualTo("ghcr.io/octokube/octokube:" + appVersion);
    }
  }

  @Test
  void podsRunAsTheUserAndGroupTheImageDeclares() {
    String[] user = Dockerfile.parse(Chart.read("deploy/docker/Dockerfile")).last("USER").arguments().split(":");
    JsonNode pod = Chart.render(Scenarios.BOTH.values()).podSpec("agent").path("securityContext");

    assertThat(pod.path("runAsUser").asText()).isEqualTo(user[0]);
    assertThat(pod.path("runAsGroup").asText()).isEqualTo(user[1]);
    assertThat(pod.path("fsGroup").asText()).isEqualTo(user[1]);
  }

  /**
   * The rendered Backend configuration, handed to the real {@code octokube backend}: it reads the
   * agent tokens, loads the policy and takes every flag, and fails only where it binds its port,
   * which this test holds. A format the command does not accept would exit with 2 instead.
   */
  @Test
  void theBackendCommandAcceptsTheRenderedTokensPolicyAndFlags(@TempDir Path dir) throws IOException {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());
    Path tokens = Files.writeString(dir.resolve("agent-tokens.yaml"),
        m.one("Secret", "backend").path("stringData").path("agent-tokens.yaml").asText());
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        m.one("ConfigMap", "backend").path("data").path("policy.yaml").asText());
    List<String> args = new ArrayList<>(m.args("backend"));
    args.removeIf(a -> a.startsWith("--host=") || a.startsWith("--port="));
    StringWriter err = new StringWriter();

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      args.addAll(List.of("--host=127.0.0.1", "--port=" + taken.getLocalPort(),
          "--policy=" + policy, "--agent-tokens=" + tokens,
          "--allowed-origin=" + m.env("backend").get("OCTOKUBE_ALLOWED_ORIGINS")));
      CommandLine cl = Octokube.commandLine();
      cl.setErr(new PrintWriter(err, true));
      int status = cl.execute(args.toArray(String[]::new));

      assertThat(status).as("exit status; stderr:\n%s", err).isEqualTo(Octokube.EXIT_FAILURE);
    }
    assertThat(err.toString()).contains("cannot listen on 127.0.0.1:").contains("Address already in use")
        .doesNotContain("--agent-tokens").doesNotContain("--policy");
  }

  private static JsonNode mountAt(JsonNode container, String directory) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("mountPath").asText().equals(directory)) {
        return mount;
      }
    }
    throw new AssertionError("nothing is mounted at " + directory + " in " + container.path("name").asText());
  }

  private static String keyMountedAs(JsonNode source, String fileName) {
    for (JsonNode item : source.path("items")) {
      if (item.path("path").asText().equals(fileName)) {
        return item.path("key").asText();
      }
    }
    throw new AssertionError("no key of the volume is mounted as " + fileName);
  }

  /** The Ingress path that serves a request for {@code path}: the longest matching Prefix or Exact. */
  private static JsonNode routeFor(JsonNode ingress, String path) {
    JsonNode best = null;
    for (JsonNode rule : ingress.path("spec").path("rules")) {
      for (JsonNode candidate : rule.path("http").path("paths")) {
        String p = candidate.path("path").asText();
        boolean matches = candidate.path("pathType").asText().equals("Exact")
            ? path.equals(p)
            : p.equals("/") || path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/");
        if (matches && (best == null || p.length() > best.path("path").asText().length())) {
          best = candidate;
        }
      }
    }
    assertThat(best).as("an Ingress route for %s", path).isNotNull();
    return best;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ChartContractTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
