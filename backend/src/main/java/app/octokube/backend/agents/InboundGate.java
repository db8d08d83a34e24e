package app.octokube.backend.agents;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much of an Agent's stream has been read but not yet taken by its cluster's hub, and whether
 * to stop reading: above {@code highWater} bytes the connection is paused, so that TCP holds the
 * Agent back (its outbox then overflows into a gap it repairs by resuming, docs/protocol.md);
 * reading resumes once the hub has taken the backlog below {@code lowWater}. Without it, an Agent
 * faster than its hub (a relist of 150,000 objects, many snapshot answers) would pile decoded
 * messages up in the Backend's heap without bound.
 *
 * <p>Thread rules: {@link #read} and {@link #shouldResume} are called on the connection's event
 * loop, {@link #taken} on the hub's owner; the count is atomic, and the paused flag is only
 * touched on the connection's event loop.
 */
final class InboundGate {
  private final long highWater;
  private final long lowWater;
  private final AtomicLong pending = new AtomicLong();
  private boolean paused;

  /** @param highWater bytes read and not yet taken above which reading pauses ({@link LinkSettings}) */
  InboundGate(long highWater) {
    if (highWater <= 0) {
      throw new IllegalArgumentException("highWater must be positive, was " + highWater);
    }
    this.highWater = highWater;
    this.lowWater = highWater / 2;
  }

  /** A message of {@code size} was read; true if reading must pause now. */
  boolean read(long size) {
    long now = pending.addAndGet(size);
    if (!paused && now > highWater) {
      paused = true;
      return true;
    }
    return false;
  }

  /**
   * The hub took a message of {@code size}; true when this took the backlog down across the low
   * mark, the only moment a paused connection can be asked to resume (so a connection that keeps
   * up costs no extra task per message).
   */
  boolean taken(long size) {
    long after = pending.addAndGet(-size);
    return after <= lowWater && after + size > lowWater;
  }

  /** On the connection's event loop: true if it was paused and the backlog is now low enough. */
  boolean shouldResume() {
    if (paused && pending.get() <= lowWater) {
      paused = false;
      return true;
    }
    return false;
  }

  /** Bytes read and not yet taken. */
  long pending() {
    return pending.get();
  }
}
