package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void theCeilingDoublesFromTheBaseUntilTheCap() {
    Backoff backoff = new Backoff(POLICY, () -> 0.5);
    assertThat(backoff.ceilingMillis(0)).isEqualTo(500);
    assertThat(backoff.ceilingMillis(1)).isEqualTo(1_000);
    assertThat(backoff.ceilingMillis(5)).isEqualTo(16_000);
    assertThat(backoff.ceilingMillis(6)).isEqualTo(30_000);
    assertThat(backoff.ceilingMillis(1_000)).isEqualTo(30_000);
  }

  @Test
  void eachDelayIsDrawnBetweenZeroAndTheCeilingOfItsAttempt() {
    Backoff lowest = new Backoff(POLICY, () -> 0.0);
    Backoff highest = new Backoff(POLICY, () -> 0.999_999);
    for (int attempt = 0; attempt < 10; attempt++) {
      assertThat(lowest.next()).isZero();
      assertThat(highest.next()).isEqualTo(Duration.ofMillis(highest.ceilingMillis(attempt)));
    }
  }

  @Test
  void resetStartsOverFromTheBase() {
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999);
    for (int i = 0; i < 8; i++) {
      backoff.next();
    }
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void manyAttemptsNeverOverflowPastTheCap() {
    Backoff backoff = new Backoff(new RetryPolicy(Duration.ofDays(1), Duration.ofDays(3650)),
        () -> 0.999_999);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isBetween(Duration.ZERO, Duration.ofDays(3650));
    }
  }
}
