package app.octokube.backend.agents;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * The one event loop that owns a cluster: its {@link ClusterLink}, and the Backend's hub with its
 * subscribers and snapshot rounds. Everything that reads or writes that state runs here, one task
 * at a time, in the order the tasks were submitted; methods that may only run here start with
 * {@code assert owner.inOwner()}.
 *
 * <p>It is a Vert.x event-loop context obtained by deploying an empty deployable, so each cluster
 * gets its own context, spread over the event loops, with nothing but public API.
 */
public final class OwnerContext {
  private final Context context;
  private final Thread thread;

  private OwnerContext(Context context, Thread thread) {
    this.context = context;
    this.thread = thread;
  }

  /** A new owner context on one of the instance's event loops. */
  public static Future<OwnerContext> create(Vertx vertx) {
    Promise<OwnerContext> created = Promise.promise();
    vertx.deployVerticle(context -> {
      created.complete(new OwnerContext(context, Thread.currentThread()));
      return Future.succeededFuture();
    }).onFailure(created::tryFail);
    return created.future();
  }

  /** Runs {@code task} on the owner, after every task submitted before it. Callable from any thread. */
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    context.runOnContext(ignored -> task.run());
  }

  /** Whether the caller runs on the owner's thread. */
  public boolean inOwner() {
    return Thread.currentThread() == thread;
  }

  public Vertx vertx() {
    return context.owner();
  }

  /**
   * Runs {@code task} on the owner every {@code periodMillis}; returns the timer id for
   * {@link Vertx#cancelTimer}.
   */
  public long every(long periodMillis, Runnable task) {
    return context.owner().setPeriodic(periodMillis, id -> execute(task));
  }
}
