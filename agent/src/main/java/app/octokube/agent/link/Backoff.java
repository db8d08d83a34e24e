package app.octokube.agent.link;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The delays of one {@link RetryPolicy}: each call to {@link #next()} doubles the ceiling until
 * the cap, and {@link #reset()} starts over once a connection proved healthy.
 *
 * <p>Not thread-safe: the link's event loop owns it.
 */
final class Backoff {
  /** 2^20 times any sane base is past any sane cap; stopping there keeps the shift from overflowing. */
  private static final int MAX_DOUBLINGS = 20;

  private final RetryPolicy policy;
  private final DoubleSupplier random;
  private int attempts;

  Backoff(RetryPolicy policy) {
    this(policy, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random values in [0, 1); tests pass fixed ones */
  Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** The delay before the next attempt; counts the attempt. */
  Duration next() {
    long ceiling = ceilingMillis(attempts);
    if (attempts < MAX_DOUBLINGS) {
      attempts++;
    }
    return Duration.ofMillis((long) (random.getAsDouble() * (ceiling + 1)));
  }

  /** The most the delay of attempt {@code n} (0 for the first) can be, in milliseconds. */
  long ceilingMillis(int n) {
    long base = policy.base().toMillis();
    long cap = policy.cap().toMillis();
    int doublings = Math.min(n, MAX_DOUBLINGS);
    return base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
  }

  int attempts() {
    return attempts;
  }

  void reset() {
    attempts = 0;
  }
}
