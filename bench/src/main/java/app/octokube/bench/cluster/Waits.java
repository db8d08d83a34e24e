package app.octokube.bench.cluster;

import app.octokube.bench.suite.ScenarioFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Bounded waits that fail a scenario with a message naming what did not happen. */
final class Waits {
  /** How often a long wait reports progress: the suite promises a line at least every ~10 s. */
  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

  private Waits() {}

  /**
   * Polls {@code done} every 20 ms until it holds; calls {@code progress} with the seconds waited
   * every 5 s.
   *
   * @throws ScenarioFailure "{@code what} within N s" when it does not hold in time
   */
  static void until(BooleanSupplier done, Duration timeout, String what, Consumer<Long> progress)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextProgress = start + PROGRESS_NANOS;
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new ScenarioFailure(what + " did not happen within " + timeout.toSeconds() + " s");
      }
      if (now > nextProgress) {
        progress.accept(TimeUnit.NANOSECONDS.toSeconds(now - start));
        nextProgress = now + PROGRESS_NANOS;
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until {@code count} has not moved for {@code stable}: a stream that has delivered what
   * it had to.
   *
   * @throws ScenarioFailure if it keeps moving past {@code timeout}
   */
  static void steady(LongSupplier count, Duration stable, Duration timeout, String what, Consumer<Long> progress)
      throws InterruptedException {
    long[] last = {count.getAsLong(), System.nanoTime()};
    until(() -> {
      long now = count.getAsLong();
      if (now != last[0]) {
        last[0] = now;
        last[1] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - last[1] >= stable.toNanos();
    }, timeout, what, progress);
  }

  /** Waits for a Vert.x future; a failure or a timeout fails the scenario naming {@code what}. */
  static <T> T await(Future<T> future, Duration timeout, String what) throws InterruptedException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ScenarioFailure(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new ScenarioFailure(what + " did not happen within " + timeout.toSeconds() + " s");
    }
  }

  /** Waits for a future on the way out, ignoring failures: closing must go on with the next thing. */
  static void quietly(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Cleaning up after a run: what did not close in time goes when its Vert.x closes.
      org.slf4j.LoggerFactory.getLogger(Waits.class).debug("close: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
