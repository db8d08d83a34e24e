package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.ResourceName;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Everything one client is sent, in order, within a bounded memory budget. Thread-safe: the hubs
 * of several clusters and the client's own event loop call it; one lock orders every message and
 * every write, so the socket sees messages in the order they were given.
 *
 * <p><b>Writable or not.</b> A status, error or snapshot is written at once while the client is
 * writable: nothing queued and fewer than {@link StreamLimits#writeHighWaterBytes()} bytes written
 * but not yet taken by the transport (counted through the write futures, exact whatever thread
 * wrote). Otherwise it waits in the queue, and the queue drains as writes complete.
 *
 * <p><b>Deltas are gathered.</b> A delta always joins the queue, and the first one asks the
 * connection's own thread to write what waits ({@link MessageSink#execute}). Every delta that
 * arrives before that task runs goes out in the same message: one frame and one write to the
 * kernel for many versions. An idle socket gets each delta one task later; a busy one, whose event
 * loop runs behind, gets fewer, larger writes instead of falling further behind, so the cost of a
 * delivery falls as the load grows.
 *
 * <p><b>Merging.</b> While waiting, the deltas of one cluster join into one pending delta: from
 * of the first, to of the last, their shared bodies joined as they are ({@link PendingDelta}). A
 * delta that changes an object already pending starts the next message while the client is
 * writable, so a client that keeps up receives every change; once the client is past its
 * high-water mark it merges per object instead (later change wins, encoded again when written),
 * so a slow client's backlog is at most one change per object. Any other message of that cluster
 * (a snapshot, a status, an error) closes the pending delta, so order within a cluster is kept;
 * so does a delta the hub marks not mergeable (see {@link DeltaMessage#mergeable()}).
 *
 * <p><b>Overflow.</b> When the queued deltas and control messages would exceed
 * {@link StreamLimits#clientBufferBytes()}, every queued delta and snapshot of the cluster at fault
 * is dropped and the caller is told ({@link Result#OVERFLOWED}); the hub then sends that client
 * nothing more for the cluster. Once the client has drained, the outbox reports the cluster
 * through its repair callback, and the hub sends fresh snapshots: the client never sees a gap it
 * must repair itself. Status and error messages are never dropped; if they alone exceed the
 * budget, or the client overflows {@link StreamLimits#maxOverflows()} times within
 * {@link StreamLimits#overflowWindow()}, it is closed with {@link CloseCode#SLOW_CONSUMER}.
 *
 * <p><b>Snapshots.</b> A snapshot may be larger than the whole budget, and the client asked for
 * it, so it is not counted against the budget: it waits as a reference to the bytes its access
 * class shares, released once written. At most one may wait per subscription; a second one for
 * the same cluster and resource while the first still waits counts as an overflow of the
 * cluster. So one client holds at most the budget, plus one message, plus one shared snapshot
 * per subscription, and never delays another.
 *
 * <p><b>Unbounded (a benchmark's baseline only).</b> With {@code unboundedWrites} in
 * {@link StreamLimits.Baseline}, once open the outbox writes every message to the socket at once,
 * however much is still unwritten: nothing waits here, so nothing merges, overflows or closes a slow
 * client, and the unwritten bytes pile up in the transport's buffers instead.
 */
public final class ClientOutbox {
  /** Room for status and error messages on top of the budget before a client is closed. */
  private static final long CONTROL_SLACK = 64 * 1024;

  /** What became of a message. */
  public enum Result { SENT, QUEUED, OVERFLOWED, CLOSED }

  /** A message other than a delta; {@code snapshotOf} names the resource of a snapshot, else null. */
  private record Whole(ClusterId cluster, ResourceName snapshotOf, OutboundMessage message) {
    boolean isSnapshot() {
      return snapshotOf != null;
    }
  }

  private final MessageSink sink;
  private final Codec codec;
  private final StreamLimits limits;
  private final StreamMetrics metrics;
  private final Consumer<Set<ClusterId>> repaired;
  private final LongSupplier nanoTime;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final Map<ClusterId, PendingDelta> open = new HashMap<>();
  private final Set<ClusterId> dropped = new HashSet<>();
  private final ArrayDeque<Long> overflowTimes = new ArrayDeque<>();
  private long queuedBytes;
  private long snapshotBytes;
  private long peakQueuedBytes;
  private long inFlightBytes;
  private boolean gated = true;
  private boolean closed;
  private boolean pumping;
  private boolean flushAsked;

  /**
   * @param repaired called, outside the lock, with the clusters whose data was dropped once the
   *     client has drained; the session asks those clusters' hubs for fresh snapshots
   */
  public ClientOutbox(MessageSink sink, Codec codec, StreamLimits limits, StreamMetrics metrics,
      Consumer<Set<ClusterId>> repaired, LongSupplier nanoTime) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.repaired = Objects.requireNonNull(repaired, "repaired");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * Writes the client's first message and opens the outbox: what was given before waits behind
   * it. A stream's {@code hello} goes first whatever else a hub sends meanwhile.
   */
  public void open(OutboundMessage first) {
    Set<ClusterId> done;
    synchronized (this) {
      if (closed) {
        return;
      }
      gated = false;
      writeNow(first);
      done = pump();
    }
    report(done);
  }

  /**
   * Sends a status or an error; never dropped.
   *
   * @param cluster the cluster it concerns, or null for the connection
   */
  public synchronized Result send(ClusterId cluster, OutboundMessage message) {
    return settled(offer(cluster, message));
  }

  /** Sends a snapshot of one subscription. */
  public synchronized Result sendSnapshot(ClusterId cluster, ResourceName resource, OutboundMessage snapshot) {
    return settled(offerSnapshot(cluster, resource, snapshot));
  }

  /** Sends a delta, or merges it into the cluster's pending one while the client is slow. */
  public synchronized Result sendDelta(DeltaMessage delta) {
    return settled(offerDelta(delta));
  }

  private Result offer(ClusterId cluster, OutboundMessage message) {
    if (closed) {
      return Result.CLOSED;
    }
    if (writable()) {
      writeNow(message);
      return Result.SENT;
    }
    if (cluster != null) {
      open.remove(cluster);
    }
    queue.add(new Whole(cluster, null, message));
    queued(message.size());
    if (queuedBytes > limits.clientBufferBytes() + CONTROL_SLACK) {
      closeSlow();
      return Result.CLOSED;
    }
    return Result.QUEUED;
  }

  private Result offerSnapshot(ClusterId cluster, ResourceName resource, OutboundMessage snapshot) {
    if (closed) {
      return Result.CLOSED;
    }
    metrics.snapshotServed();
    if (writable()) {
      writeNow(snapshot);
      return Result.SENT;
    }
    for (Object item : queue) {
      if (item instanceof Whole whole && cluster.equals(whole.cluster()) && resource.equals(whole.snapshotOf())) {
        return overflow(cluster);
      }
    }
    open.remove(cluster);
    queue.add(new Whole(cluster, resource, snapshot));
    snapshotBytes += snapshot.size();
    metrics.buffered(snapshot.size());
    return Result.QUEUED;
  }

  private Result offerDelta(DeltaMessage delta) {
    if (closed) {
      return Result.CLOSED;
    }
    if (limits.baseline().unboundedWrites() && writable()) {
      writeNow(delta.toOutbound());
      metrics.clientDeltaOut();
      return Result.SENT;
    }
    PendingDelta pending = open.get(delta.cluster());
    long before = pending == null ? 0 : pending.size();
    if (pending != null && pending.accepts(delta) && pending.tryJoin(delta)) {
      queued(pending.size() - before);
    } else if (pending != null && pending.accepts(delta) && !belowHighWater()) {
      // The client is behind: its backlog shrinks to one change per object.
      queued(pending.merge(delta));
    } else {
      pending = new PendingDelta(delta);
      queue.add(pending);
      open.put(delta.cluster(), pending);
      queued(pending.size());
    }
    // Past the high-water mark (or before open) the write that completes next pumps the queue:
    // a task per delta for a slow client would find nothing it may write.
    if (!flushAsked && !gated && belowHighWater()) {
      flushAsked = true;
      sink.execute(this::flush);
    }
    return queuedBytes > limits.clientBufferBytes() ? overflow(delta.cluster()) : Result.QUEUED;
  }

  /** On the connection's thread: writes the deltas gathered since the last flush, and what follows them. */
  private void flush() {
    Set<ClusterId> done;
    synchronized (this) {
      flushAsked = false;
      done = pump();
    }
    report(done);
  }

  /**
   * Drops what is queued, writes {@code last}, then closes with {@code code}: the client learns
   * why (e.g. {@code error unauthenticated} before 4001) however far behind it was.
   */
  public synchronized void closeWith(OutboundMessage last, CloseCode code) {
    if (!closed) {
      discard();
      // Nothing waits for this write: the close frame follows it on the same socket.
      sink.write(last);
      sink.close(code);
    }
  }

  /** Closes the connection with {@code code}; what is queued is dropped. */
  public synchronized void close(CloseCode code) {
    if (!closed) {
      discard();
      sink.close(code);
    }
  }

  /** The connection closed: drop what is queued and accept nothing more. */
  public synchronized void connectionClosed() {
    if (!closed) {
      discard();
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Bytes of deltas, statuses and errors waiting in the queue: what the budget bounds. */
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  /**
   * The most bytes that ever waited in the queue once a message had been taken in or dropped:
   * never more than the budget, plus {@code CONTROL_SLACK} for status and error messages.
   */
  public synchronized long peakQueuedBytes() {
    return peakQueuedBytes;
  }

  /** Records the peak once a message was taken in, or its cluster's data dropped. */
  private Result settled(Result result) {
    peakQueuedBytes = Math.max(peakQueuedBytes, queuedBytes);
    return result;
  }

  private boolean writable() {
    return !gated && queue.isEmpty() && belowHighWater();
  }

  /** Whether fewer bytes than the high-water mark await the transport; always, when unbounded. */
  private boolean belowHighWater() {
    return inFlightBytes < limits.writeHighWaterBytes() || limits.baseline().unboundedWrites();
  }

  private void writeNow(OutboundMessage message) {
    long size = message.size();
    inFlightBytes += size;
    metrics.clientBytesOut(size);
    // A failed write means the connection is closing; its close handler drops the rest, so success
    // and failure alike only release the bytes.
    sink.write(message).onComplete(ignored -> written(size));
  }

  private void written(long size) {
    Set<ClusterId> done;
    synchronized (this) {
      inFlightBytes -= size;
      done = pump();
    }
    report(done);
  }

  /** Writes queued messages while the client is writable; returns clusters now repaired, or null. */
  private Set<ClusterId> pump() {
    if (pumping || gated || closed) {
      // A write that completed at once re-enters here; the loop below carries on.
      return null;
    }
    pumping = true;
    try {
      while (!queue.isEmpty() && belowHighWater()) {
        Object item = queue.poll();
        if (item instanceof PendingDelta pending) {
          open.remove(pending.cluster(), pending);
          queued(-pending.size());
          writeNow(pending.toOutbound(codec));
          metrics.clientDeltaOut();
        } else {
          Whole whole = (Whole) item;
          forget(whole);
          writeNow(whole.message());
        }
      }
    } finally {
      pumping = false;
    }
    if (dropped.isEmpty() || !queue.isEmpty() || inFlightBytes > limits.writeHighWaterBytes() / 2) {
      return null;
    }
    Set<ClusterId> done = Set.copyOf(dropped);
    dropped.clear();
    return done;
  }

  private void report(Set<ClusterId> done) {
    if (done != null) {
      repaired.accept(done);
    }
  }

  private Result overflow(ClusterId cluster) {
    Iterator<Object> items = queue.iterator();
    while (items.hasNext()) {
      Object item = items.next();
      if (item instanceof PendingDelta pending && pending.cluster().equals(cluster)) {
        items.remove();
        queued(-pending.size());
      } else if (item instanceof Whole whole && whole.isSnapshot() && cluster.equals(whole.cluster())) {
        items.remove();
        forget(whole);
      }
    }
    open.remove(cluster);
    dropped.add(cluster);
    metrics.overflow();
    long now = nanoTime.getAsLong();
    long window = TimeUnit.MILLISECONDS.toNanos(limits.overflowWindow().toMillis());
    overflowTimes.add(now);
    while (now - overflowTimes.peekFirst() > window) {
      overflowTimes.pollFirst();
    }
    if (overflowTimes.size() >= limits.maxOverflows()) {
      closeSlow();
      return Result.CLOSED;
    }
    return Result.OVERFLOWED;
  }

  private void closeSlow() {
    metrics.slowConsumerClose();
    close(CloseCode.SLOW_CONSUMER);
  }

  private void discard() {
    closed = true;
    queue.clear();
    open.clear();
    dropped.clear();
    queued(-queuedBytes);
    metrics.buffered(-snapshotBytes);
    snapshotBytes = 0;
  }

  /** A queued message leaves the queue. */
  private void forget(Whole whole) {
    long size = whole.message().size();
    if (whole.isSnapshot()) {
      snapshotBytes -= size;
      metrics.buffered(-size);
    } else {
      queued(-size);
    }
  }

  private void queued(long delta) {
    queuedBytes += delta;
    metrics.buffered(delta);
  }
}
