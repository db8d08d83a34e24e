package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private TestBackend backend;

  @BeforeEach
  void start() {
    backend = new TestBackend("alice");
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void healthAndReadinessAnswerOkOnceListening() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsCountTheStreamInPrometheusFormatWithoutNamingClustersOrUsers() throws Exception {
    backend.access.grant("alice", TestAccess.Grant.of("c1", Set.of("*"), Set.of("pods")));
    FakeAgent agent = backend.agent("c1", "pods").connect();
    TestClient alice = backend.client("alice");
    alice.hello();
    alice.subscribe("c1", "pods");
    alice.awaitMessage(app.octokube.protocol.client.Snapshot.class, snapshot -> true);
    alice.awaitDeltaTo(agent.upsert("pods", "ns/p-1", Map.of(), FanoutTest.pod("p-1")));

    String metrics = get("/metrics").body();

    assertThat(metrics).contains("octokube_clients_connected 1.0", "octokube_subscriptions 1.0",
        "octokube_agents_connected 1.0", "octokube_agent_deltas_in_total 1.0",
        "octokube_snapshot_requests_total 1.0", "octokube_client_deltas_out_total",
        "octokube_traffic_out_bytes_total{link=\"client\"}", "octokube_snapshots_served_total 1.0");
    assertThat(metrics).doesNotContain("alice").doesNotContain("c1");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
