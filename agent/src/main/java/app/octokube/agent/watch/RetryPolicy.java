package app.octokube.agent.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the watchers wait before trying again.
 *
 * @param base the first retry waits up to this long. 1 s: long enough that a whole cluster of
 *     types relisting after an apiserver restart spreads over a second, short enough that a
 *     single lost watch is back at once.
 * @param cap no retry waits longer. 30 s bounds how stale a type can be after the apiserver
 *     comes back, and is the cap client-go's reflector uses.
 * @param healthyAfter a watch that stayed open this long proves the apiserver is fine again:
 *     the next failure starts from {@code base} again. 2 min, as in client-go.
 * @param slowRetry how often a type the Agent may not list (403) or the cluster does not serve
 *     (404) is tried again, so that a fixed ClusterRole or an installed API is picked up without
 *     a restart; jittered by ±25%. 60 s: these fix themselves only through a person.
 * @param shortestNormalWatch a watch that ends sooner than this without delivering an event
 *     counts as a failure, not as the apiserver's routine close. 1 s, as in client-go.
 */
public record RetryPolicy(
    Duration base, Duration cap, Duration healthyAfter, Duration slowRetry, Duration shortestNormalWatch) {

  public static final RetryPolicy DEFAULTS = new RetryPolicy(
      Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(60),
      Duration.ofSeconds(1));

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(healthyAfter, "healthyAfter");
    Objects.requireNonNull(slowRetry, "slowRetry");
    Objects.requireNonNull(shortestNormalWatch, "shortestNormalWatch");
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("retry base must be positive and at most the cap");
    }
    if (healthyAfter.isNegative() || slowRetry.isNegative() || shortestNormalWatch.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }
}
