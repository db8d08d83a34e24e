package app.octokube.agent.engine;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded buffer between the queue, which must never wait, and one slower consumer — the link
 * to the Backend writing to a socket.
 *
 * <p>Rules: {@link #onDelta} never blocks and never grows the buffer past its bounds (count and
 * bytes). When a delta would not fit, everything pending is dropped, the outbox becomes
 * <em>gapped</em> and discards further deltas, and the consumer's next {@link #poll} returns a
 * {@link Item.Gap} naming the last version it was given. The consumer repairs the gap from the
 * replay log ({@link ExecutionQueue#resume}), which hands it the missing deltas and resets this
 * outbox on the queue's thread, so the replayed deltas and the live ones that follow are
 * contiguous. Overflow is thus reported,
 * never hidden, and costs the consumer a resume rather than the queue a wait.
 */
public final class DeltaOutbox implements DeltaSink {

  /** What the consumer takes out, in order. */
  public sealed interface Item {
    record Delta(EncodedDelta delta) implements Item {}

    record ResourcesChanged(Epoch epoch, long version, Set<ResourceName> resources) implements Item {}

    /** Deltas after {@code lastPolledVersion} were dropped; resume from it. */
    record Gap(long lastPolledVersion) implements Item {}
  }

  private final int maxDeltas;
  private final long maxBytes;
  private final Runnable onReady;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Item> pending = new ArrayDeque<>();
  private long pendingBytes;
  private int pendingDeltas;
  private boolean gapped;
  private long lastPolledVersion;
  private long overflows;

  /**
   * @param onReady called (on the producer's thread, outside the lock) when the outbox goes from
   *     empty to holding something; it must only schedule the consumer, never run it inline
   */
  public DeltaOutbox(int maxDeltas, long maxBytes, Runnable onReady) {
    if (maxDeltas < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("an outbox must hold at least one delta");
    }
    this.maxDeltas = maxDeltas;
    this.maxBytes = maxBytes;
    this.onReady = onReady;
  }

  @Override
  public void onDelta(EncodedDelta delta) {
    boolean wake;
    lock.lock();
    try {
      if (gapped) {
        return;
      }
      if (pendingDeltas + 1 > maxDeltas || pendingBytes + delta.size() > maxBytes) {
        pending.clear();
        pendingBytes = 0;
        pendingDeltas = 0;
        gapped = true;
        overflows++;
        pending.add(new Item.Gap(lastPolledVersion));
      } else {
        pending.add(new Item.Delta(delta));
        pendingBytes += delta.size();
        pendingDeltas++;
      }
      wake = pending.size() == 1;
    } finally {
      lock.unlock();
    }
    if (wake) {
      onReady.run();
    }
  }

  @Override
  public void onResourcesChanged(Epoch epoch, long version, Set<ResourceName> resources) {
    boolean wake;
    lock.lock();
    try {
      if (gapped) {
        return;
      }
      pending.add(new Item.ResourcesChanged(epoch, version, resources));
      wake = pending.size() == 1;
    } finally {
      lock.unlock();
    }
    if (wake) {
      onReady.run();
    }
  }

  /** The next item, or null when there is nothing to take. */
  public Item poll() {
    lock.lock();
    try {
      Item item = pending.poll();
      if (item instanceof Item.Delta d) {
        pendingBytes -= d.delta().size();
        pendingDeltas--;
        lastPolledVersion = d.delta().version();
      }
      return item;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Empties the outbox and clears a gap, so that what follows starts right after {@code version}.
   * Called by the queue, on its thread, when a consumer attaches or resumes.
   */
  void reset(long version) {
    lock.lock();
    try {
      pending.clear();
      pendingBytes = 0;
      pendingDeltas = 0;
      gapped = false;
      lastPolledVersion = version;
    } finally {
      lock.unlock();
    }
  }

  public long pendingBytes() {
    lock.lock();
    try {
      return pendingBytes;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the outbox overflowed since it was made. */
  public long overflows() {
    lock.lock();
    try {
      return overflows;
    } finally {
      lock.unlock();
    }
  }
}
