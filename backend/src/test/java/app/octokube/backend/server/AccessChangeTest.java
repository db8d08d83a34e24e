package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.CloseCode;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessChangeTest {
  private TestBackend backend;
  private FakeAgent agent;

  @BeforeEach
  void start() {
    backend = new TestBackend("alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", Set.of("a"), Set.of("pods")))
        .grant("bob", TestAccess.Grant.of("c1", Set.of("a"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
    agent.upsert("pods", "a/a-1", Map.of(), FanoutTest.pod("a-1"));
    agent.upsert("pods", "b/b-1", Map.of(), FanoutTest.pod("b-1"));
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aRemovedRuleEndsTheSubscriptionWithForbiddenAndNothingMore() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");

    backend.access.revoke("alice");
    backend.server.registry().accessChanged();

    ErrorMessage error = alice.awaitMessage(ErrorMessage.class, e -> true);
    assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(error.cluster().value()).isEqualTo("c1");
    assertThat(error.resource().value()).isEqualTo("pods");
    int seen = alice.messages().size();
    long v = agent.upsert("pods", "a/a-2", Map.of(), FanoutTest.pod("a-2"));
    bob.awaitDeltaTo(v);
    assertThat(alice.messages()).hasSize(seen);
    assertThat(bob.snapshots()).hasSize(1);
  }

  @Test
  void anAddedRuleBringsAFreshSnapshotUnderTheNewRules() {
    TestClient alice = subscribed("alice");

    backend.access.grant("alice", TestAccess.Grant.of("c1", Set.of("a", "b"), Set.of("pods")));
    backend.server.registry().accessChanged("alice");

    Snapshot fresh = alice.awaitMessage(Snapshot.class, snapshot -> snapshot.items().size() == 2);
    assertThat(fresh.version().value()).isEqualTo(agent.version());
    long v = agent.upsert("pods", "b/b-2", Map.of(), FanoutTest.pod("b-2"));
    alice.awaitDeltaTo(v);
    ClientState state = ClientState.replay(alice.messages(), "c1", "pods");
    assertThat(state.gaps()).isEmpty();
    assertThat(state.names()).containsExactly("a-1", "b-1", "b-2");
  }

  @Test
  void aSignedOutUserGetsUnauthenticatedThenClose4001WhileOthersCarryOn() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");

    backend.server.registry().endSessions("alice");

    assertThat(alice.awaitMessage(ErrorMessage.class, e -> true).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    await().atMost(Duration.ofSeconds(5)).until(() -> alice.closeStatus() != null);
    assertThat(alice.closeStatus()).isEqualTo((short) CloseCode.UNAUTHENTICATED.code());
    bob.awaitDeltaTo(agent.upsert("pods", "a/a-3", Map.of(), FanoutTest.pod("a-3")));
    assertThat(bob.closeStatus()).isNull();
  }

  private TestClient subscribed(String user) {
    TestClient client = backend.client(user);
    client.hello();
    client.subscribe("c1", "pods");
    client.awaitMessage(Snapshot.class, snapshot -> true);
    return client;
  }
}
