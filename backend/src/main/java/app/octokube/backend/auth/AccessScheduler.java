package app.octokube.backend.auth;

import app.octokube.backend.rbac.Policy;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on time: when a binding's schedule window opens or closes, or a binding expires, every
 * affected subscription must be re-evaluated at that instant, not at the next policy reload.
 *
 * <p>One Vert.x timer is armed for the earliest next change of any user's access, and re-armed
 * after it fires and after every policy replacement. The wait is capped at an hour so that a
 * clock jump or a suspended VM is caught up within the hour at worst.
 */
public final class AccessScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessScheduler.class);
  private static final Duration MAX_WAIT = Duration.ofHours(1);

  private final Vertx vertx;
  private final PolicyHolder policy;
  private final Runnable accessChanged;
  private final Clock clock;
  private long timer = -1;
  private volatile boolean closed;

  /**
   * @param accessChanged what to run at each boundary (and after each reload): re-evaluate every
   *     subscription under the rules in force
   */
  public AccessScheduler(Vertx vertx, PolicyHolder policy, Runnable accessChanged, Clock clock) {
    this.vertx = vertx;
    this.policy = policy;
    this.accessChanged = accessChanged;
    this.clock = clock;
    policy.onReplace(() -> vertx.runOnContext(v -> {
      accessChanged.run();
      arm();
    }));
  }

  /** Arms the first timer. */
  public void start() {
    vertx.runOnContext(v -> arm());
  }

  /** The next instant at which some user's access changes, or null if none ever does. */
  static Instant nextChange(Policy policy, Instant now) {
    Instant next = null;
    for (String user : policy.userNames()) {
      Instant candidate = policy.nextChange(user, now);
      if (candidate != null && (next == null || candidate.isBefore(next))) {
        next = candidate;
      }
    }
    return next;
  }

  private synchronized void arm() {
    if (closed) {
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Instant now = clock.instant();
    Instant next = nextChange(policy.current(), now);
    Duration wait = next == null ? MAX_WAIT : Duration.between(now, next);
    if (wait.compareTo(MAX_WAIT) > 0) {
      wait = MAX_WAIT;
    }
    // Fire a few milliseconds after the boundary, so the evaluation sees the new side of it.
    long delay = Math.max(1, wait.toMillis() + 5);
    boolean boundary = next != null && wait.compareTo(MAX_WAIT) < 0;
    timer = vertx.setTimer(delay, id -> {
      // At the hourly cap too: after a clock jump a boundary may have passed unseen, and
      // re-evaluating access that did not change costs nothing visible to clients.
      log.debug("re-evaluating access ({})", boundary ? "schedule or expiry boundary" : "hourly check");
      accessChanged.run();
      arm();
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
