package app.octokube.agent.watch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch request of a {@link ResourceWatcher}: from the moment it is sent until it ends. The
 * reflector starts a new session for every watch, and ignores whatever a session that is no
 * longer its current one reports, so a late event of an ended watch can never follow the relist
 * that replaced it.
 *
 * <p>fabric8 calls this object on its per-watch serial executor: events and the end of one
 * session arrive one at a time and in order.
 */
final class WatchSession implements Watcher<GenericKubernetesResource> {
  private final ResourceWatcher owner;
  private final long startedNanos;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Watch watch;
  private volatile boolean lost;
  private volatile long events;

  WatchSession(ResourceWatcher owner, long startedNanos) {
    this.owner = owner;
    this.startedNanos = startedNanos;
  }

  @Override
  public void eventReceived(Action action, GenericKubernetesResource object) {
    owner.onEvent(this, action, object);
  }

  @Override
  public void onClose(WatcherException cause) {
    owner.onWatchEnded(this, cause);
  }

  /**
   * fabric8 calls this when the watch was closed on purpose: by {@link #close()}, or after a
   * start that failed and was already reported by {@code watch()} throwing. The reflector
   * initiated or saw both, so there is nothing to do.
   */
  @Override
  public void onClose() {
    // Nothing: see the Javadoc.
  }

  /**
   * False: fabric8 must not re-watch on its own. With the client's watch reconnect limit at 0
   * (see {@link ClusterWatch}), every end of the watch then reaches {@link #onClose(WatcherException)}
   * and the reflector decides when, and from which resourceVersion, to watch again.
   */
  @Override
  public boolean reconnecting() {
    return false;
  }

  void attach(Watch started) {
    this.watch = started;
  }

  /** Closes the underlying watch, if it started; fabric8 then calls {@link #onClose()}. */
  void close() {
    Watch started = watch;
    if (started != null) {
      started.close();
    }
  }

  /** True the first time only: a session ends once, whoever notices first. */
  boolean end() {
    return ended.compareAndSet(false, true);
  }

  /** An event of this session could not be enqueued: the hot state may miss it, so relist. */
  void markLost() {
    lost = true;
  }

  boolean lost() {
    return lost;
  }

  /** Counted under the reflector's emit lock, read after the session ended. */
  void countEvent() {
    events++;
  }

  long events() {
    return events;
  }

  long startedNanos() {
    return startedNanos;
  }
}
