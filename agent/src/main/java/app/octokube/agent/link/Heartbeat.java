package app.octokube.agent.link;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Pings the Backend every interval and declares the connection half-open when nothing at all has
 * arrived for the timeout. TCP alone does not notice a peer that vanished without a FIN or RST
 * (a dead node, a dropped NAT entry) until its own timeouts, minutes later; a half-open link would
 * leave the Backend's users on stale state that long.
 *
 * <p>Threading: every method runs on the link's event loop; the timer is set from it, so Vert.x
 * runs the ticks there too. A detection happens between {@code timeout} and
 * {@code timeout + interval} after the last frame heard.
 */
final class Heartbeat {
  private final Vertx vertx;
  private final long intervalMillis;
  private final long timeoutNanos;
  private final LongSupplier nanoTime;
  private final Runnable ping;
  private final Runnable onTimeout;
  private long lastHeard;
  private long timer = -1;

  Heartbeat(Vertx vertx, Duration interval, Duration timeout, Runnable ping, Runnable onTimeout) {
    this(vertx, interval, timeout, System::nanoTime, ping, onTimeout);
  }

  Heartbeat(Vertx vertx, Duration interval, Duration timeout, LongSupplier nanoTime, Runnable ping,
      Runnable onTimeout) {
    this.vertx = vertx;
    this.intervalMillis = Math.max(1, interval.toMillis());
    this.timeoutNanos = timeout.toNanos();
    this.nanoTime = nanoTime;
    this.ping = ping;
    this.onTimeout = onTimeout;
  }

  void start() {
    lastHeard = nanoTime.getAsLong();
    timer = vertx.setPeriodic(intervalMillis, id -> tick());
  }

  /** Something arrived from the Backend: a pong, a command, any frame. */
  void heard() {
    lastHeard = nanoTime.getAsLong();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void tick() {
    if (timer < 0) {
      return;
    }
    if (nanoTime.getAsLong() - lastHeard >= timeoutNanos) {
      stop();
      onTimeout.run();
    } else {
      ping.run();
    }
  }

  /** Milliseconds since the last frame heard, for the log line of a detection. */
  long silentMillis() {
    return Duration.ofNanos(nanoTime.getAsLong() - lastHeard).toMillis();
  }
}
