package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.Snapshot;
import app.octokube.protocol.link.ChangeType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FanoutTest {
  private TestBackend backend;
  private FakeAgent agent;

  @BeforeEach
  void start() {
    backend = new TestBackend("alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods")))
        .grant("bob", TestAccess.Grant.of("c1", Set.of("payments", "search"), Set.of("pods"))
            .withSelector(Map.of("tier", "web")));
    agent = backend.agent("c1", "pods").connect();
    agent.upsert("pods", "payments/api-1", Map.of("tier", "web"), pod("api-1"));
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void usersWithDifferentAccessReceiveDifferentChangesOfTheSameDelta() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");

    long v = agent.apply(
        agent.upsertChange("pods", "payments/db-1", Map.of("tier", "db"), pod("db-1")),
        agent.upsertChange("pods", "search/web-1", Map.of("tier", "web"), pod("web-1")));

    assertThat(keys(alice.awaitDeltaTo(v))).containsExactly("payments/db-1");
    assertThat(keys(bob.awaitDeltaTo(v))).containsExactly("search/web-1");
  }

  @Test
  void usersWithIdenticalAccessShareOneEncodedPayload() {
    List<TestClient> clients = List.of(subscribed("alice"), subscribed("alice"), subscribed("bob"), subscribed("bob"));
    double before = payloads();

    long v = agent.apply(
        agent.upsertChange("pods", "payments/web-1", Map.of("tier", "web"), pod("web-1")),
        agent.upsertChange("pods", "payments/db-1", Map.of("tier", "db"), pod("db-1")));

    clients.forEach(client -> client.awaitDeltaTo(v));
    assertThat(payloads() - before).isEqualTo(2);
    assertThat(keys(clients.get(0).awaitDeltaTo(v))).containsExactly("payments/web-1", "payments/db-1");
    assertThat(keys(clients.get(2).awaitDeltaTo(v))).containsExactly("payments/web-1");
  }

  @Test
  void aSteadyClientIsNotLookedAtForVersionsWithNothingForIt() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");
    // The first version after their snapshots looks at both; after it they wait in their groups.
    long first = agent.upsert("pods", "payments/api-1", Map.of("tier", "web"), pod("api-1"));
    alice.awaitDeltaTo(first);
    bob.awaitDeltaTo(first);
    double before = visits();

    long hidden = 0;
    for (int i = 0; i < 50; i++) {
      hidden = agent.upsert("pods", "other/p-" + i, Map.of("tier", "web"), pod("p-" + i));
    }
    // Neither may see those: both still reach the version (the idle flush) without being looked at.
    assertThat(alice.awaitDeltaTo(hidden).changes()).isEmpty();
    assertThat(bob.awaitDeltaTo(hidden).changes()).isEmpty();
    assertThat(visits() - before).isZero();

    long seen = agent.upsert("pods", "payments/api-2", Map.of("tier", "web"), pod("api-2"));
    assertThat(keys(alice.awaitDeltaTo(seen))).containsExactly("payments/api-2");
    assertThat(keys(bob.awaitDeltaTo(seen))).containsExactly("payments/api-2");
    assertThat(visits() - before).isEqualTo(2);
    assertThat(ClientState.replay(alice.messages(), "c1", "pods").gaps()).isEmpty();
    assertThat(ClientState.replay(bob.messages(), "c1", "pods").gaps()).isEmpty();
  }

  private double visits() {
    return backend.server.meters().get("octokube.fanout.visits").counter().count();
  }

  private double payloads() {
    return backend.server.meters().get("octokube.fanout.payloads").counter().count();
  }

  @Test
  void anObjectRelabelledOutOfAUsersSelectorArrivesAsADelete() {
    TestClient bob = subscribed("bob");

    long v = agent.upsert("pods", "payments/api-1", Map.of("tier", "batch"), pod("api-1"));

    ClientDelta delta = bob.awaitDeltaTo(v);
    assertThat(delta.changes()).singleElement().satisfies(change -> {
      assertThat(change.type()).isEqualTo(ChangeType.DELETE);
      assertThat(change.key().value()).isEqualTo("payments/api-1");
      assertThat(change.object()).isNull();
    });
  }

  @Test
  void anObjectRelabelledIntoAUsersSelectorArrivesAsAnUpsert() {
    agent.upsert("pods", "search/web-2", Map.of("tier", "batch"), pod("web-2"));
    TestClient bob = subscribed("bob");

    long v = agent.upsert("pods", "search/web-2", Map.of("tier", "web"), pod("web-2"));

    assertThat(bob.awaitDeltaTo(v).changes()).singleElement()
        .extracting(ClientChange::type).isEqualTo(ChangeType.UPSERT);
  }

  @Test
  void versionsWithNothingForAUserMergeIntoOneContiguousRange() {
    TestClient alice = subscribed("alice");
    long start = alice.snapshots().get(0).version().value();

    for (int i = 0; i < 5; i++) {
      agent.upsert("pods", "search/web-" + i, Map.of("tier", "web"), pod("web-" + i));
    }
    long v = agent.upsert("pods", "payments/api-2", Map.of(), pod("api-2"));

    ClientDelta delta = alice.awaitDeltaTo(v);
    assertThat(alice.deltas()).hasSize(1);
    assertThat(delta.from().value()).isEqualTo(start + 1);
    assertThat(delta.to().value()).isEqualTo(v);
    assertThat(keys(delta)).containsExactly("payments/api-2");
  }

  @Test
  void anIdleClientStillAdvancesWithinASecond() {
    TestClient alice = subscribed("alice");

    long v = agent.upsert("pods", "search/web-1", Map.of(), pod("web-1"));

    ClientDelta delta = alice.awaitDeltaTo(v);
    assertThat(delta.changes()).isEmpty();
    assertThat(ClientState.replay(alice.messages(), "c1", "pods").gaps()).isEmpty();
  }

  @Test
  void everyVersionIsAccountedForWithoutGapsUnderChurn() {
    TestClient alice = subscribed("alice");
    TestClient bob = subscribed("bob");
    long v = 0;
    for (int i = 0; i < 200; i++) {
      String ns = i % 3 == 0 ? "payments" : "search";
      v = agent.upsert("pods", ns + "/p-" + (i % 17), Map.of("tier", i % 2 == 0 ? "web" : "db"), pod("p-" + (i % 17)));
    }
    long last = v;
    await().atMost(Duration.ofSeconds(10)).until(() ->
        ClientState.replay(alice.messages(), "c1", "pods").local() == last
            && ClientState.replay(bob.messages(), "c1", "pods").local() == last);
    assertThat(ClientState.replay(alice.messages(), "c1", "pods").gaps()).isEmpty();
    assertThat(ClientState.replay(bob.messages(), "c1", "pods").gaps()).isEmpty();
  }

  private TestClient subscribed(String user) {
    TestClient client = backend.client(user);
    client.hello();
    client.subscribe("c1", "pods");
    client.awaitMessage(Snapshot.class, snapshot -> true);
    return client;
  }

  private static List<String> keys(ClientDelta delta) {
    return delta.changes().stream().map(change -> change.key().value()).toList();
  }

  static String pod(String name) {
    return "{\"metadata\":{\"name\":\"" + name + "\"}}";
  }
}
