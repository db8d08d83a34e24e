package app.octokube.agent.link;

import io.vertx.core.Context;
import java.util.concurrent.Executor;

/**
 * The one Vert.x event-loop context a link runs on, as an {@link Executor} for hopping back onto
 * it from the queue's and the snapshot streamers' threads, and as the check that methods only it
 * may run assert.
 *
 * <p>The check is by thread, not by context: Vert.x runs timers on duplicates of the context that
 * set them, which share its event-loop thread and so its confinement.
 */
final class LinkLoop implements Executor {
  private final Context context;
  private volatile Thread thread;

  LinkLoop(Context context) {
    if (!context.isEventLoopContext()) {
      throw new IllegalArgumentException("a link runs on an event-loop context");
    }
    this.context = context;
    // Tasks run in the order submitted, so this one has run before any link code does.
    context.runOnContext(v -> thread = Thread.currentThread());
  }

  @Override
  public void execute(Runnable task) {
    context.runOnContext(v -> task.run());
  }

  /** Whether the caller is the link's event-loop thread. */
  boolean inEventLoop() {
    return Thread.currentThread() == thread;
  }
}
