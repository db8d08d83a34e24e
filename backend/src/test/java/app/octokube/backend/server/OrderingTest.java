package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots are placed by their version, never by their arrival: whatever the order of chunks and
 * deltas on the link, every client ends with the Agent's state filtered by its rules, and never
 * sees a gap.
 */
class OrderingTest {
  private static final Set<String> VISIBLE = Set.of("a");

  private TestBackend backend;
  private FakeAgent agent;
  private final Random random = new Random(7);

  @BeforeEach
  void start() {
    backend = new TestBackend("alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", VISIBLE, Set.of("pods", "services")))
        .grant("bob", TestAccess.Grant.of("c1", VISIBLE, Set.of("pods", "services")));
    agent = backend.agent("c1", "pods", "services").connect();
    churn(10);
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aSnapshotThatArrivesBeforeTheDeltasItReflectsIsNotFollowedByThemAgain() {
    TestClient alice = subscribed("alice", "pods");

    agent.holdDeltas();
    churn(5);
    TestClient bob = subscribed("bob", "pods");
    alice.subscribe("c1", "services");
    alice.awaitMessage(Snapshot.class, snapshot -> snapshot.resource().value().equals("services"));
    agent.releaseDeltas();
    long last = churn(20);

    assertConverged(alice, last, "pods", "services");
    assertConverged(bob, last, "pods");
  }

  @Test
  void aSnapshotAnsweredWhileDeltasKeepComingIsCaughtUp() {
    TestClient alice = subscribed("alice", "pods");

    agent.holdSnapshots(true);
    alice.subscribe("c1", "services");
    TestClient bob = backend.client("bob");
    bob.hello();
    bob.subscribe("c1", "pods");
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.heldRequests() == 2);
    churn(10);
    agent.answerHeld();
    long last = churn(20);

    assertConverged(alice, last, "pods", "services");
    assertConverged(bob, last, "pods");
  }

  private long churn(int versions) {
    long last = 0;
    for (int i = 0; i < versions; i++) {
      String resource = random.nextBoolean() ? "pods" : "services";
      String namespace = random.nextInt(3) == 0 ? "b" : "a";
      String name = resource.charAt(0) + "-" + random.nextInt(6);
      String key = namespace + "/" + name;
      boolean exists = agent.names(resource, Set.of(namespace)).contains(name);
      last = exists && random.nextInt(3) == 0
          ? agent.delete(resource, key)
          : agent.upsert(resource, key, Map.of("n", Integer.toString(i)), FanoutTest.pod(name));
    }
    return last;
  }

  private void assertConverged(TestClient client, long last, String... resources) {
    for (String resource : resources) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> ClientState.replay(client.messages(), "c1", resource).local() == last);
      ClientState state = ClientState.replay(client.messages(), "c1", resource);
      assertThat(state.gaps()).as(resource).isEmpty();
      assertThat(state.names()).as(resource).isEqualTo(agent.names(resource, VISIBLE));
    }
  }

  private TestClient subscribed(String user, String resource) {
    TestClient client = backend.client(user);
    client.hello();
    client.subscribe("c1", resource);
    client.awaitMessage(Snapshot.class, snapshot -> snapshot.resource().value().equals(resource));
    return client;
  }
}
