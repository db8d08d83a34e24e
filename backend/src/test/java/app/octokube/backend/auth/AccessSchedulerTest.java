package app.octokube.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessSchedulerTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static String expiringBinding(Instant expires) {
    return """
          - role: viewer
            subjects: ["user:bob"]
            expires: "%s"
        """.formatted(expires.truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void theNextChangeIsTheEarliestBoundaryOfAnyUser() {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");
    Instant expiry = Instant.parse("2026-11-26T12:00:00Z");

    assertThat(AccessScheduler.nextChange(AuthFixtures.policy(expiringBinding(expiry)), now)).isEqualTo(expiry);
    assertThat(AccessScheduler.nextChange(AuthFixtures.policy(""), now)).isNull();
  }

  @Test
  void anExpiryIsActedOnWithinASecond() {
    Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    PolicyHolder policy = new PolicyHolder(AuthFixtures.policy(expiringBinding(expiry)));
    AtomicInteger evaluations = new AtomicInteger();
    try (AccessScheduler scheduler = new AccessScheduler(vertx, policy, evaluations::incrementAndGet, Clock.systemUTC())) {
      scheduler.start();
      assertThat(policy.current().access("bob", "c1", Instant.now()).maySubscribe("pods")).isTrue();

      await().atMost(Duration.ofSeconds(5)).until(() -> evaluations.get() >= 1);

      assertThat(Instant.now()).isAfterOrEqualTo(expiry);
      assertThat(Duration.between(expiry, Instant.now())).isLessThan(Duration.ofSeconds(1));
      assertThat(policy.current().access("bob", "c1", Instant.now()).grantsNothing()).isTrue();
    }
  }

  @Test
  void aReplacedPolicyIsEvaluatedAtOnce() {
    PolicyHolder policy = new PolicyHolder(AuthFixtures.policy(""));
    AtomicInteger evaluations = new AtomicInteger();
    try (AccessScheduler scheduler = new AccessScheduler(vertx, policy, evaluations::incrementAndGet, Clock.systemUTC())) {
      scheduler.start();
      policy.replace(AuthFixtures.policy(expiringBinding(Instant.now().plusSeconds(3600))));

      await().atMost(Duration.ofSeconds(1)).until(() -> evaluations.get() == 1);
    }
  }
}
