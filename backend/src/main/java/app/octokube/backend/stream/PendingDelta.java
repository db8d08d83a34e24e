package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.client.ClientChange;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deltas of one cluster waiting to be written, merged into one: from of the first, to of the
 * last, each object at most once with its last change.
 *
 * <p>Two forms. While no object appears in two of the deltas, they are kept as they came and
 * written by joining their shared bodies ({@link WireFrames#joinBodies}): no per-client encoding,
 * which is what deltas gathered between two writes of a busy socket look like. Once an object
 * repeats, the deltas merge per object (later change wins) and the result is encoded once, when
 * the client can take it: what a slow client's backlog becomes.
 *
 * <p>Not thread-safe: owned by its {@link ClientOutbox}, under the outbox's lock.
 */
final class PendingDelta {
  private final ClusterId cluster;
  private final Epoch epoch;
  private final long from;
  private long to;
  /** The deltas as given, while no object repeats; null once merged per object. */
  private List<DeltaMessage> parts = new ArrayList<>(2);
  /** The objects in {@code parts}, kept from the second delta on. */
  private Set<ChangeFilter.Slot> objects;
  /** Bytes of the joined changes between the brackets, and how many parts have changes. */
  private long joinedBytes;
  private int partsWithChanges;
  private Map<ChangeFilter.Slot, ClientChange> merged;
  private long changeBytes;
  private long size;

  PendingDelta(DeltaMessage first) {
    this.cluster = first.cluster();
    this.epoch = first.epoch();
    this.from = first.from();
    this.to = first.to();
    this.size = first.size();
    join(first);
  }

  ClusterId cluster() {
    return cluster;
  }

  /** Whether {@code next} may be merged in: same epoch, contiguous, and the hub allows it. */
  boolean accepts(DeltaMessage next) {
    return next.mergeable() && next.epoch().equals(epoch) && next.from() == to + 1;
  }

  /**
   * Joins {@code next} as it is if no object of it is held already, and the deltas were not merged
   * per object before; returns whether it did. Every change stays in the message.
   */
  boolean tryJoin(DeltaMessage next) {
    if (merged != null || !repeatsNothing(next)) {
      return false;
    }
    to = next.to();
    join(next);
    size = WireFrames.deltaHeadLength(cluster, epoch, from, to) + WireFrames.joinedSize(joinedBytes,
        partsWithChanges);
    return true;
  }

  /**
   * Merges {@code next} in, per object if need be (later change wins); returns how many bytes the
   * pending delta grew (or shrank).
   */
  long merge(DeltaMessage next) {
    long before = size;
    if (tryJoin(next)) {
      return size - before;
    }
    to = next.to();
    if (merged == null) {
      merged = ChangeFilter.newMerge();
      for (DeltaMessage part : parts) {
        put(part.changes());
      }
      parts = null;
      objects = null;
    }
    put(next.changes());
    size = WireFrames.deltaHeadLength(cluster, epoch, from, to) + 3 + changeBytes;
    return size - before;
  }

  private void join(DeltaMessage delta) {
    parts.add(delta);
    long inner = WireFrames.innerSize(delta.body());
    if (inner > 0) {
      joinedBytes += inner;
      partsWithChanges++;
    }
  }

  /** Whether no object of {@code next} is already held; remembers its objects if so. */
  private boolean repeatsNothing(DeltaMessage next) {
    if (objects == null) {
      objects = new HashSet<>();
      for (DeltaMessage part : parts) {
        for (ClientChange change : part.changes()) {
          objects.add(slot(change));
        }
      }
    }
    for (ClientChange change : next.changes()) {
      if (objects.contains(slot(change))) {
        return false;
      }
    }
    for (ClientChange change : next.changes()) {
      objects.add(slot(change));
    }
    return true;
  }

  private static ChangeFilter.Slot slot(ClientChange change) {
    return new ChangeFilter.Slot(change.resource(), change.key());
  }

  private void put(Iterable<ClientChange> changes) {
    for (ClientChange change : changes) {
      ClientChange replaced = merged.put(slot(change), change);
      changeBytes += ChangeFilter.sizeOf(change) - (replaced == null ? 0 : ChangeFilter.sizeOf(replaced));
    }
  }

  long size() {
    return size;
  }

  OutboundMessage toOutbound(Codec codec) {
    if (merged != null) {
      return WireFrames.delta(cluster, epoch, from, to,
          WireFrames.changesBody(codec, cluster, epoch, new ArrayList<>(merged.values())));
    }
    if (parts.size() == 1) {
      return parts.get(0).toOutbound();
    }
    List<Buffer> bodies = new ArrayList<>(parts.size());
    for (DeltaMessage part : parts) {
      bodies.add(part.body());
    }
    return WireFrames.delta(cluster, epoch, from, to, WireFrames.joinBodies(bodies));
  }
}
