package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark baselines ({@link StreamLimits.Baseline}) really take another code path: the
 * benchmarks that compare the product with them would otherwise compare it with itself.
 */
class BenchmarkBaselinesTest {
  private static final int CLIENTS = 6;

  private TestBackend backend;

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void theProductEncodesADeltaOncePerAccessClass() {
    assertThat(payloadsForOneDelta(StreamLimits.Baseline.PRODUCT)).isEqualTo(1);
  }

  @Test
  void theEncodePerClientBaselineEncodesItOncePerClient() {
    assertThat(payloadsForOneDelta(new StreamLimits.Baseline(true, false, false))).isEqualTo(CLIENTS);
  }

  @Test
  void theProductAsksTheAgentOnceForClientsResyncingTogether() {
    assertThat(snapshotRequestsForOneStorm(StreamLimits.Baseline.PRODUCT)).isEqualTo(1);
  }

  @Test
  void theNoDedupBaselineAsksTheAgentOncePerClient() {
    assertThat(snapshotRequestsForOneStorm(new StreamLimits.Baseline(false, true, false))).isEqualTo(CLIENTS);
  }

  /** CLIENTS clients of one access class; how many payloads one delta of theirs was encoded into. */
  private double payloadsForOneDelta(StreamLimits.Baseline baseline) {
    start(baseline);
    FakeAgent agent = backend.agent("c1", "pods").connect();
    List<TestClient> clients = subscribedClients();
    double before = backend.server.meters().get("octokube.fanout.payloads").counter().count();

    long v = agent.upsert("pods", "payments/web-1", Map.of(), FanoutTest.pod("web-1"));

    clients.forEach(client -> assertThat(client.awaitDeltaTo(v).changes()).hasSize(1));
    return backend.server.meters().get("octokube.fanout.payloads").counter().count() - before;
  }

  /** CLIENTS clients resync while the Agent holds its answers; how many requests it got. */
  private int snapshotRequestsForOneStorm(StreamLimits.Baseline baseline) {
    start(baseline);
    FakeAgent agent = backend.agent("c1", "pods").connect();
    agent.upsert("pods", "payments/web-1", Map.of(), FanoutTest.pod("web-1"));
    List<TestClient> clients = subscribedClients();
    int before = agent.snapshotRequests();
    agent.holdSnapshots(true);

    clients.forEach(client -> client.resync("c1", "pods"));
    await().atMost(Duration.ofSeconds(10)).until(() -> joined() >= 2 * CLIENTS);
    agent.answerHeld();

    await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch(c -> c.snapshots().size() == 2));
    return agent.snapshotRequests() - before;
  }

  private void start(StreamLimits.Baseline baseline) {
    backend = new TestBackend(StreamLimits.DEFAULTS.withBaseline(baseline), "alice");
    backend.access.grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods")));
  }

  private List<TestClient> subscribedClients() {
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      TestClient client = backend.client("alice");
      client.hello();
      client.subscribe("c1", "pods");
      client.awaitMessage(Snapshot.class, snapshot -> true);
      clients.add(client);
    }
    return clients;
  }

  /** Snapshot needs seen by the Backend: requests sent to the Agent plus those that joined one. */
  private long joined() {
    return (long) (backend.server.metrics().snapshotRequests() + backend.server.metrics().snapshotRequestsDeduplicated());
  }
}
