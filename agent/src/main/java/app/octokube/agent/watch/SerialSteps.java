package app.octokube.agent.watch;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one reflector on the scheduler that all reflectors share: steps run one at a time
 * (each holds this object's monitor), after their delay, in the order their delays expire. A
 * step that throws is handed to the failure handler, which runs as part of that step.
 *
 * <p>A reflector keeps at most one step pending, so {@link #stop()} cancels it; once stopped,
 * nothing runs or is scheduled any more. Thread-safe.
 */
final class SerialSteps {
  private static final Logger log = LoggerFactory.getLogger(SerialSteps.class);

  private final ScheduledExecutorService scheduler;
  private final String owner;
  private final Consumer<RuntimeException> onFailure;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> pending;

  /** @param owner names the reflector in log lines */
  SerialSteps(ScheduledExecutorService scheduler, String owner, Consumer<RuntimeException> onFailure) {
    this.scheduler = scheduler;
    this.owner = owner;
    this.onFailure = onFailure;
  }

  void schedule(Runnable step, Duration delay) {
    if (stopped) {
      return;
    }
    try {
      pending = scheduler.schedule(() -> run(step), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The scheduler shut down: the watchers are closing, and with them this reflector.
      log.debug("not scheduling a step of {}: the watchers are closing", owner);
    }
  }

  /** Cancels the pending step; a step already running finishes. */
  void stop() {
    stopped = true;
    ScheduledFuture<?> step = pending;
    if (step != null) {
      step.cancel(false);
    }
  }

  private synchronized void run(Runnable step) {
    if (stopped) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }
}
