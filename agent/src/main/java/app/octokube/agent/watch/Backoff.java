package app.octokube.agent.watch;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Exponential backoff with full jitter: the n-th consecutive retry waits a uniformly random time
 * in {@code [0, min(cap, base * 2^n))}. Full jitter, not "exponential plus a little noise": when
 * every type fails at once (an apiserver restart), their retries spread over the whole window
 * instead of arriving in waves, which is what keeps many relisting types from stampeding the
 * apiserver.
 *
 * <p>Past failures are forgotten once the type has been watched without a failure for
 * {@link RetryPolicy#healthyAfter()}, routine re-watches included: {@link #watching()} marks the
 * start of such a period, any retry ends it.
 *
 * <p>Not thread-safe: each reflector owns one and uses it from its steps only, which never run
 * at the same time.
 */
final class Backoff {
  /** 2^30 times any sensible base exceeds any sensible cap; beyond it the shift would overflow. */
  private static final int MAX_EXPONENT = 30;

  private final RetryPolicy policy;
  private final DoubleSupplier random;
  private final LongSupplier nanoTime;
  private int attempts;
  private boolean healthy;
  private long healthySince;

  /**
   * @param random uniform in [0, 1)
   * @param nanoTime a monotonic clock, {@code System::nanoTime}
   */
  Backoff(RetryPolicy policy, DoubleSupplier random, LongSupplier nanoTime) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The type is being watched; starts a healthy period unless one is running. */
  void watching() {
    if (!healthy) {
      healthy = true;
      healthySince = nanoTime.getAsLong();
    }
  }

  /**
   * The wait before the next retry; each call counts one more consecutive failure, after
   * forgetting the past ones if a healthy period long enough just ended.
   */
  Duration next() {
    if (healthy && nanoTime.getAsLong() - healthySince >= policy.healthyAfter().toNanos()) {
      attempts = 0;
    }
    healthy = false;
    long base = policy.base().toNanos();
    long ceiling = policy.cap().toNanos();
    int exponent = Math.min(attempts, MAX_EXPONENT);
    if (base <= ceiling >> exponent) {
      ceiling = base << exponent;
    }
    attempts++;
    return Duration.ofNanos((long) (random.getAsDouble() * ceiling));
  }

  /** The wait before retrying a type that is forbidden or not served: slow, jittered ±25%. */
  Duration slow() {
    healthy = false;
    double factor = 0.75 + 0.5 * random.getAsDouble();
    return Duration.ofNanos((long) (policy.slowRetry().toNanos() * factor));
  }

  int attempts() {
    return attempts;
  }
}
