package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final RetryPolicy POLICY = new RetryPolicy(
      Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(60),
      Duration.ofSeconds(1));

  @Test
  void theWindowDoublesWithEachConsecutiveFailureUpToTheCap() {
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999, () -> 0L);
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      seconds.add(Math.round(backoff.next().toMillis() / 1000.0));
    }
    assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void fullJitterSpreadsRetriesOverTheWholeWindow() {
    Random random = new Random(42);
    long below = 0;
    long above = 0;
    for (int i = 0; i < 2_000; i++) {
      Backoff backoff = new Backoff(POLICY, random::nextDouble, () -> 0L);
      for (int n = 0; n < 3; n++) {
        backoff.next();
      }
      Duration fourth = backoff.next();
      assertThat(fourth).isBetween(Duration.ZERO, Duration.ofSeconds(8));
      if (fourth.compareTo(Duration.ofSeconds(4)) < 0) {
        below++;
      } else {
        above++;
      }
    }
    // Uniform over [0, 8 s): about half on each side, not bunched near the top.
    assertThat(below).isBetween(900L, 1_100L);
    assertThat(above).isBetween(900L, 1_100L);
  }

  @Test
  void failuresAreForgottenAfterAHealthyPeriodOfWatching() {
    AtomicLong now = new AtomicLong();
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999, now::get);
    for (int i = 0; i < 10; i++) {
      backoff.next();
    }
    backoff.watching();
    now.addAndGet(Duration.ofMinutes(2).toNanos());

    assertThat(backoff.next()).isLessThan(Duration.ofSeconds(1));
    assertThat(backoff.attempts()).isEqualTo(1);
  }

  @Test
  void routineRewatchesDoNotRestartTheHealthyPeriod() {
    AtomicLong now = new AtomicLong();
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999, now::get);
    for (int i = 0; i < 10; i++) {
      backoff.next();
    }
    backoff.watching();
    now.addAndGet(Duration.ofMinutes(1).toNanos());
    backoff.watching();
    now.addAndGet(Duration.ofMinutes(1).toNanos());

    assertThat(backoff.next()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aShortHealthyPeriodKeepsTheBackoffGrowing() {
    AtomicLong now = new AtomicLong();
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999, now::get);
    for (int i = 0; i < 3; i++) {
      backoff.next();
    }
    backoff.watching();
    now.addAndGet(Duration.ofSeconds(30).toNanos());

    assertThat(backoff.next()).isBetween(Duration.ofMillis(7_999), Duration.ofSeconds(8));
  }

  @Test
  void aSlowRetryStaysWithinAQuarterOfItsPeriod() {
    assertThat(new Backoff(POLICY, () -> 0.0, () -> 0L).slow()).isEqualTo(Duration.ofSeconds(45));
    assertThat(new Backoff(POLICY, () -> 0.999_999, () -> 0L).slow()).isBetween(Duration.ofSeconds(74), Duration.ofSeconds(75));
  }

  @Test
  void aHugeNumberOfFailuresNeverOverflowsTheWindow() {
    Backoff backoff = new Backoff(POLICY, () -> 0.999_999, () -> 0L);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 100; i++) {
      last = backoff.next();
    }
    assertThat(last).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
  }
}
