package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects, namespaces and a cluster that alice may not see carry the word "canary"; bob sees
 * everything, which proves the canaries flowed. No byte sent to alice may contain the word.
 */
class CanaryLeakTest {
  private static final String CANARY = "canary";

  private TestBackend backend;
  private FakeAgent agent;
  private FakeAgent hiddenAgent;

  @BeforeEach
  void start() {
    backend = new TestBackend(StreamLimits.DEFAULTS, List.of("c1", "canary-cluster"), "alice", "bob");
    backend.access
        .grant("alice", TestAccess.Grant.of("c1", Set.of("payments"), Set.of("pods"))
            .withSelector(Map.of("team", "payments")))
        .grant("bob", new TestAccess.Grant(Set.of("c1", "canary-cluster"), Set.of("*"),
            Set.of("pods", "secrets"), Map.of()));
    agent = backend.agent("c1", "pods", "secrets").connect();
    hiddenAgent = backend.agent("canary-cluster", "pods").connect();
    hiddenAgent.upsert("pods", "default/canary-pod-in-hidden-cluster", Map.of(), pod("canary-pod-in-hidden-cluster"));
    agent.upsert("pods", "payments/api-1", Map.of("team", "payments"), pod("api-1"));
    agent.upsert("pods", "canary-namespace/canary-pod-1", Map.of("team", "payments"), pod("canary-pod-1"));
    agent.upsert("pods", "payments/canary-unlabelled", Map.of("team", "other"), pod("canary-unlabelled"));
    agent.upsert("secrets", "payments/canary-secret", Map.of("team", "payments"), pod("canary-secret"));
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void noByteSentToAUserNamesWhatItMayNotSee() {
    TestClient alice = backend.client("alice");
    TestClient bob = backend.client("bob");
    Hello hello = alice.hello();
    assertThat(hello.clusters()).extracting(info -> info.cluster().value()).containsExactly("c1");
    alice.subscribe("c1", "pods");
    bob.subscribe("c1", "pods");
    bob.subscribe("canary-cluster", "pods");
    alice.awaitMessage(Snapshot.class, snapshot -> true);

    agent.upsert("pods", "canary-namespace/canary-pod-2", Map.of("team", "payments"), pod("canary-pod-2"));
    agent.upsert("pods", "payments/canary-unlabelled", Map.of("team", "other", "x", "y"), pod("canary-unlabelled"));
    agent.delete("pods", "canary-namespace/canary-pod-1");
    agent.upsert("pods", "payments/api-1", Map.of("team", "gone"), pod("api-1"));
    agent.upsert("secrets", "payments/canary-secret", Map.of("team", "payments"), pod("canary-secret-2"));
    long hiddenLast = hiddenAgent.upsert("pods", "default/canary-pod-3", Map.of(), pod("canary-pod-3"));
    long last = agent.upsert("pods", "payments/api-2", Map.of("team", "payments"), pod("api-2"));
    alice.subscribe("c1", "secrets");
    alice.subscribe("c1", "configmaps");
    alice.send("{\"op\":\"subscribe\",\"cluster\":\"c1\"}");

    alice.awaitDeltaTo(last);
    await().atMost(Duration.ofSeconds(5)).until(() -> alice.errors().size() == 3);
    // Bob holds every canary that still exists (however his deltas were gathered into messages).
    await().atMost(Duration.ofSeconds(5)).until(() ->
        ClientState.replay(bob.messages(), "c1", "pods").local() == last
            && ClientState.replay(bob.messages(), "canary-cluster", "pods").local() == hiddenLast);
    assertThat(ClientState.replay(bob.messages(), "c1", "pods").names())
        .contains("canary-pod-2", "canary-unlabelled");
    assertThat(ClientState.replay(bob.messages(), "canary-cluster", "pods").names())
        .containsExactly("canary-pod-3", "canary-pod-in-hidden-cluster");
    assertThat(String.join("\n", alice.raw())).doesNotContain(CANARY);
    assertThat(ClientState.replay(alice.messages(), "c1", "pods").names()).containsExactly("api-2");
  }

  @Test
  void aHiddenClusterIsAnsweredExactlyLikeOneThatDoesNotExist() {
    TestClient alice = backend.client("alice");
    alice.hello();

    alice.subscribe("canary-cluster", "pods");
    alice.subscribe("nowhere", "pods");

    await().atMost(Duration.ofSeconds(5)).until(() -> alice.errors().size() == 2);
    ErrorMessage hidden = error(alice, "canary-cluster");
    ErrorMessage missing = error(alice, "nowhere");
    assertThat(hidden.code()).isEqualTo(ErrorCode.UNKNOWN_CLUSTER).isEqualTo(missing.code());
    assertThat(hidden.message().replace("canary-cluster", "X")).isEqualTo(missing.message().replace("nowhere", "X"));
  }

  private static ErrorMessage error(TestClient client, String cluster) {
    return client.errors().stream().filter(error -> error.cluster().value().equals(cluster)).findFirst().orElseThrow();
  }

  private static String pod(String name) {
    return FanoutTest.pod(name);
  }
}
