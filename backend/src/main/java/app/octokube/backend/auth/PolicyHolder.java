package app.octokube.backend.auth;

import app.octokube.backend.rbac.Policy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force. Readers on any thread see either the old or the new policy whole, never a
 * mix; listeners hear of each replacement after it is visible.
 */
public final class PolicyHolder {
  private static final Logger log = LoggerFactory.getLogger(PolicyHolder.class);

  private final AtomicReference<Policy> current;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public PolicyHolder(Policy initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "policy"));
  }

  public Policy current() {
    return current.get();
  }

  /** Puts {@code policy} in force, then tells every listener, each in its own try. */
  public void replace(Policy policy) {
    current.set(Objects.requireNonNull(policy, "policy"));
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("a policy listener failed; the new policy is in force regardless", e);
      }
    }
  }

  public void onReplace(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }
}
