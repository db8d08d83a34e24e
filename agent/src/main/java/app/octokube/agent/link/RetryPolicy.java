package app.octokube.agent.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the link waits before trying again: a random delay between zero and
 * {@code min(cap, base * 2^attempt)} ("full jitter"). Randomizing the whole delay, not a part of
 * it, is what spreads a fleet of Agents that lost the same Backend at the same moment.
 *
 * @param base the ceiling of the first delay
 * @param cap the ceiling no delay ever exceeds
 */
public record RetryPolicy(Duration base, Duration cap) {

  /**
   * After a lost or failed connection: the first retry within half a second, so a Backend
   * restart costs the Agent about that; 30 s at most, so a long outage costs the Backend one
   * handshake per Agent every 15 s on average when it comes back.
   */
  public static final RetryPolicy RECONNECT =
      new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));

  /**
   * After the Backend refused the Agent's token (or replaced this Agent by another): an operator
   * has to act, so retrying fast only fills logs. The token file is read again at each attempt,
   * so a fixed token is picked up within five minutes at worst.
   */
  public static final RetryPolicy REFUSED =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5));

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("a retry base delay must be positive, got " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "a retry cap (" + cap + ") must not be shorter than its base (" + base + ")");
    }
  }
}
