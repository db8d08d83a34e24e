package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.client.Snapshot;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotStormTest {
  private static final int CLIENTS = 500;

  private TestBackend backend;
  private FakeAgent agent;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    backend = new TestBackend(StreamLimits.DEFAULTS.withConnectionLimits(CLIENTS, 16), "north", "south");
    backend.access
        .grant("north", TestAccess.Grant.of("c1", Set.of("north"), Set.of("pods")))
        .grant("south", TestAccess.Grant.of("c1", Set.of("south"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
    agent.upsert("pods", "north/n-1", Map.of(), FanoutTest.pod("n-1"));
    agent.upsert("pods", "south/s-1", Map.of(), FanoutTest.pod("s-1"));
    agent.upsert("pods", "south/s-2", Map.of(), FanoutTest.pod("s-2"));
    List<Future<TestClient>> connecting = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String user = i % 2 == 0 ? "north" : "south";
      connecting.add(backend.clients.executeBlocking(() -> backend.client(user), false));
    }
    clients.addAll(FakeAgent.await(Future.all(connecting)).list());
    clients.forEach(TestClient::hello);
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void fiveHundredClientsResyncingAtOnceCauseOneSnapshotRequest() {
    agent.holdSnapshots(true);
    clients.forEach(client -> client.subscribe("c1", "pods"));
    await().atMost(Duration.ofSeconds(20)).until(() -> joined() == CLIENTS);
    agent.answerHeld();
    await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(client -> client.snapshots().size() == 1));
    int before = agent.snapshotRequests();

    clients.forEach(client -> client.resync("c1", "pods"));
    await().atMost(Duration.ofSeconds(20)).until(() -> joined() == 2 * CLIENTS);
    agent.answerHeld();

    await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(client -> client.snapshots().size() == 2));
    assertThat(agent.snapshotRequests() - before).isEqualTo(1);
    for (int i = 0; i < CLIENTS; i++) {
      Snapshot snapshot = clients.get(i).snapshots().get(1);
      assertThat(snapshot.items()).map(RawJson::toString)
          .containsExactlyInAnyOrderElementsOf(i % 2 == 0
              ? List.of(FanoutTest.pod("n-1"))
              : List.of(FanoutTest.pod("s-1"), FanoutTest.pod("s-2")));
    }
  }

  /** Snapshot needs seen by the Backend: requests sent to the agent plus requests that joined one. */
  private long joined() {
    return (long) (backend.server.metrics().snapshotRequests() + backend.server.metrics().snapshotRequestsDeduplicated());
  }
}
