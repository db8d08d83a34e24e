package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.server.BackendConfig;
import app.octokube.backend.server.BackendServer;
import app.octokube.protocol.ClusterId;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paths the chart probes and scrapes, asked of a real Backend server: a probe path that the
 * server does not answer with 200 would keep the pod unready or restart it forever. The same
 * scrape checks that docs/operations.md names the metric families the Backend really serves.
 */
class ProbesAndMetricsTest {
  private static final Pattern METRIC = Pattern.compile("\\boctokube_[a-z0-9_]*[a-z0-9]");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static BackendServer server;

  @BeforeAll
  static void startBackend() throws Exception {
    BackendConfig config = BackendConfig.of("127.0.0.1", 0, Set.of(),
        AgentTokens.fromTokens(Map.of(ClusterId.of("prod-eu"), Scenarios.PROD_TOKEN)));
    server = BackendServer.start(config,
            (user, cluster, now) -> {
              throw new AssertionError("no client connects in this test");
            },
            credentials -> Optional.empty())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopBackend() throws Exception {
    if (server != null) {
      server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyProbeOfTheBackendPodGetsA200() throws Exception {
    JsonNode container = Chart.render(Scenarios.BACKEND_MINIMAL.values()).container("backend");

    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      String path = container.path(probe).path("httpGet").path("path").asText();
      assertThat(get(path).statusCode()).as("%s %s", probe, path).isEqualTo(200);
    }
  }

  @Test
  void theScrapeAnnotationAndTheServiceMonitorPointAtPrometheusText() throws Exception {
    Manifests m = Chart.render(Scenarios.BACKEND_WITH_INGRESS.values());
    String annotated = m.one("Deployment", "backend").path("spec").path("template").path("metadata")
        .path("annotations").path("prometheus.io/path").asText();
    String monitored = m.one("ServiceMonitor", "backend").path("spec").path("endpoints").get(0).path("path").asText();

    for (String path : List.of(annotated, monitored)) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
      assertThat(response.body()).contains("octokube_");
    }
  }

  @Test
  void theOperationsGuideNamesEveryOctokubeMetricTheBackendServesAndNoOther() throws Exception {
    Set<String> served = new TreeSet<>();
    for (String line : get("/metrics").body().split("\n")) {
      if (!line.startsWith("#")) {
        Matcher m = METRIC.matcher(line);
        if (m.lookingAt()) {
          served.add(m.group());
        }
      }
    }
    Set<String> documented = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(Chart.read("docs/operations.md"));
    while (m.find()) {
      documented.add(m.group());
    }

    assertThat(served).isNotEmpty();
    assertThat(documented).as("metric names in docs/operations.md").containsExactlyInAnyOrderElementsOf(served);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
