package app.octokube.agent.link;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The link's counters. The event loop writes them; any thread reads them through
 * {@link #snapshot()}. Each value is exact on its own; a snapshot is not atomic across values.
 */
final class LinkMetrics {
  private final Clock clock;
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong deltasSent = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private volatile boolean connected;
  private volatile Instant since;
  private volatile String lastError;

  LinkMetrics(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  void connected() {
    connects.incrementAndGet();
    connected = true;
    since = clock.instant();
  }

  /** The connection was lost, or an attempt failed, for {@code reason}. */
  void failed(String reason) {
    lastError = reason;
    if (connected) {
      connected = false;
      since = clock.instant();
    }
  }

  void reconnectScheduled() {
    reconnects.incrementAndGet();
  }

  void frameSent(int bytes) {
    bytesSent.addAndGet(bytes);
  }

  void deltaSent() {
    deltasSent.incrementAndGet();
  }

  void gap() {
    gaps.incrementAndGet();
  }

  LinkStatus snapshot() {
    return new LinkStatus(connected, since, connects.get(), reconnects.get(), lastError,
        bytesSent.get(), deltasSent.get(), gaps.get());
  }
}
