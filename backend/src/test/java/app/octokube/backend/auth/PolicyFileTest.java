package app.octokube.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.rbac.PolicyException;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void anEditedPolicyTakesEffectWithinASecond() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, AuthFixtures.policyYaml(""));
    try (PolicyFile policy = PolicyFile.watch(vertx, file)) {
      AtomicInteger replaced = new AtomicInteger();
      policy.holder().onReplace(replaced::incrementAndGet);
      assertThat(policy.holder().current().access("alice", "c1", java.time.Instant.now()).maySubscribe("pods")).isTrue();

      Files.writeString(file, AuthFixtures.policyYaml("").replace("namespaces: [\"payments\"]", "namespaces: [\"search\"]")
          .replace("subjects: [\"user:alice\"]", "subjects: [\"user:bob\"]"));

      await().atMost(Duration.ofSeconds(1)).until(() -> replaced.get() == 1);
      assertThat(policy.holder().current().access("alice", "c1", java.time.Instant.now()).grantsNothing()).isTrue();
      assertThat(policy.reloads()).isEqualTo(1);
    }
  }

  @Test
  void anInvalidEditIsRefusedWholeAndTheLastGoodPolicyStays() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, AuthFixtures.policyYaml(""));
    try (PolicyFile policy = PolicyFile.watch(vertx, file)) {
      var before = policy.holder().current();

      Files.writeString(file, AuthFixtures.policyYaml("").replace("verbs: [view]", "verbs: [veiw]"));

      await().atMost(Duration.ofSeconds(2)).until(() -> policy.refusals() == 1);
      assertThat(policy.holder().current()).isSameAs(before);
    }
  }

  @Test
  void anInvalidPolicyAtStartIsRefusedNamingTheLine() throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, "roles:\n  - name: x\n    allow:\n      - verbs: [veiw]\n        resources: [pods]\n");

    assertThatThrownBy(() -> PolicyFile.watch(vertx, file))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("line 4");
  }
}
