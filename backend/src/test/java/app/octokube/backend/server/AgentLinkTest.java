package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.client.ClusterStatus;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLinkTest {
  private TestBackend backend;
  private FakeAgent agent;

  @BeforeEach
  void start() {
    backend = new TestBackend("alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", Set.of("*"), Set.of("pods")))
        .grant("bob", TestAccess.Grant.of("c1", Set.of("b"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
    agent.upsert("pods", "a/a-1", Map.of(), FanoutTest.pod("a-1"));
    agent.upsert("pods", "b/b-1", Map.of(), FanoutTest.pod("b-1"));
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void helloDescribesEachClusterTheUserMaySee() {
    await().atMost(Duration.ofSeconds(5))
        .until(() -> backend.server.registry().link(ClusterId.of("c1")).status().version() == agent.version());
    TestClient alice = backend.client("alice");

    Hello hello = alice.hello();

    assertThat(hello.user()).isEqualTo("alice");
    assertThat(hello.clusters()).singleElement().satisfies(info -> {
      assertThat(info.cluster().value()).isEqualTo("c1");
      assertThat(info.connected()).isTrue();
      assertThat(info.epoch()).isEqualTo(agent.epoch());
      assertThat(info.version().value()).isEqualTo(agent.version());
      assertThat(info.resources()).extracting(Object::toString).containsExactly("pods");
    });
  }

  @Test
  void anAgentRestartInANewEpochGivesClientsStatusChangesAndFreshSnapshots() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");
    int requests = agent.snapshotRequests();

    agent.restart().connect();

    ClusterStatus down = alice.awaitMessage(ClusterStatus.class, status -> !status.connected());
    ClusterStatus up = alice.awaitMessage(ClusterStatus.class,
        status -> status.connected() && status.epoch().equals(agent.epoch()));
    assertThat(up.epoch()).isNotEqualTo(down.epoch());
    assertThat(alice.statuses()).extracting(ClusterStatus::connected).endsWith(false, true);
    Snapshot fresh = alice.awaitMessage(Snapshot.class, snapshot -> snapshot.epoch().equals(agent.epoch()));
    assertThat(fresh.items()).hasSize(2);
    assertThat(bob.awaitMessage(Snapshot.class, snapshot -> snapshot.epoch().equals(agent.epoch())).items()).hasSize(1);
    assertThat(agent.snapshotRequests() - requests).isEqualTo(1);

    long v = agent.upsert("pods", "b/b-2", Map.of(), FanoutTest.pod("b-2"));
    bob.awaitDeltaTo(v);
    assertThat(ClientState.replay(bob.messages(), "c1", "pods").names()).containsExactly("b-1", "b-2");
    assertThat(ClientState.replay(bob.messages(), "c1", "pods").gaps()).isEmpty();
  }

  @Test
  void anAgentReconnectingInTheSameEpochResumesWithoutSnapshots() {
    TestClient alice = subscribed("alice");
    int requests = agent.snapshotRequests();
    int resumes = agent.resumeRequests();

    agent.disconnect();
    alice.awaitMessage(ClusterStatus.class, status -> !status.connected());
    agent.upsert("pods", "a/a-2", Map.of(), FanoutTest.pod("a-2"));
    agent.delete("pods", "a/a-1");
    agent.connect();
    long v = agent.upsert("pods", "a/a-3", Map.of(), FanoutTest.pod("a-3"));

    alice.awaitDeltaTo(v);
    assertThat(agent.resumeRequests() - resumes).isEqualTo(1);
    assertThat(agent.snapshotRequests()).isEqualTo(requests);
    assertThat(alice.snapshots()).hasSize(1);
    assertThat(alice.statuses()).extracting(ClusterStatus::connected).endsWith(false, true);
    ClientState state = ClientState.replay(alice.messages(), "c1", "pods");
    assertThat(state.gaps()).isEmpty();
    assertThat(state.names()).containsExactly("a-2", "a-3", "b-1");
  }

  @Test
  void aSnapshotAnsweredAfterLaterVersionsIsCaughtUpWithoutAGap() {
    TestClient bob = backend.client("bob");
    bob.hello();
    agent.holdSnapshots(true);
    bob.subscribe("c1", "pods");
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.heldRequests() == 1);
    agent.answerHeld();
    // The chunks above are at the version before these; the Backend may see them in either order.
    agent.upsert("pods", "b/b-2", Map.of(), FanoutTest.pod("b-2"));
    long v = agent.upsert("pods", "b/b-1", Map.of("x", "y"), FanoutTest.pod("b-1"));

    await().atMost(Duration.ofSeconds(5)).until(() -> ClientState.replay(bob.messages(), "c1", "pods").local() == v);
    ClientState state = ClientState.replay(bob.messages(), "c1", "pods");
    assertThat(state.gaps()).isEmpty();
    assertThat(state.names()).containsExactly("b-1", "b-2");
  }

  @Test
  void aSnapshotTheAgentFailedIsAskedAgainAfterABackoff() {
    TestClient alice = backend.client("alice");
    alice.hello();
    int requests = agent.snapshotRequests();
    agent.failNextSnapshot("internal");

    alice.subscribe("c1", "pods");

    assertThat(alice.awaitMessage(Snapshot.class, snapshot -> true).items()).hasSize(2);
    assertThat(agent.snapshotRequests() - requests).isEqualTo(2);
    assertThat(alice.errors()).isEmpty();
  }

  @Test
  void aSnapshotOfAResourceTheAgentDoesNotServeEndsTheSubscriptionWithUnknownResource() {
    TestClient alice = backend.client("alice");
    alice.hello();
    agent.failNextSnapshot("unknown-resource");

    alice.subscribe("c1", "pods");

    assertThat(alice.awaitMessage(ErrorMessage.class, error -> true).code()).isEqualTo(ErrorCode.UNKNOWN_RESOURCE);
    assertThat(alice.snapshots()).isEmpty();
  }

  private TestClient subscribed(String user) {
    TestClient client = backend.client(user);
    client.hello();
    client.subscribe("c1", "pods");
    client.awaitMessage(Snapshot.class, snapshot -> true);
    return client;
  }
}
