package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.client.ClientChange;
import java.util.ArrayList;
import java.util.Map;

/**
 * Deltas of one cluster waiting for a slow client, merged into one: from of the first, to of the
 * last, per object the last change. While only one delta is held its shared body is kept and
 * written as it is; the merged form is encoded once, when the client can take it.
 *
 * <p>Not thread-safe: owned by its {@link ClientOutbox}, under the outbox's lock.
 */
final class PendingDelta {
  private final ClusterId cluster;
  private final Epoch epoch;
  private final long from;
  private long to;
  private DeltaMessage single;
  private Map<ChangeFilter.Slot, ClientChange> merged;
  private long size;
  private long changeBytes;

  PendingDelta(DeltaMessage first) {
    this.cluster = first.cluster();
    this.epoch = first.epoch();
    this.from = first.from();
    this.to = first.to();
    this.single = first;
    this.size = first.size();
  }

  ClusterId cluster() {
    return cluster;
  }

  /** Whether {@code next} may be merged in: same epoch, contiguous, and the hub allows it. */
  boolean accepts(DeltaMessage next) {
    return next.mergeable() && next.epoch().equals(epoch) && next.from() == to + 1;
  }

  /** Merges {@code next} in; returns how many bytes the pending delta grew (or shrank). */
  long merge(DeltaMessage next) {
    long before = size;
    if (merged == null) {
      merged = ChangeFilter.newMerge();
      changeBytes = 0;
      put(single.changes());
      single = null;
    }
    put(next.changes());
    to = next.to();
    size = WireFrames.deltaHead(cluster, epoch, from, to).length() + 3 + changeBytes;
    return size - before;
  }

  private void put(Iterable<ClientChange> changes) {
    for (ClientChange change : changes) {
      ClientChange replaced = merged.put(new ChangeFilter.Slot(change.resource(), change.key()), change);
      changeBytes += ChangeFilter.sizeOf(change) - (replaced == null ? 0 : ChangeFilter.sizeOf(replaced));
    }
  }

  long size() {
    return size;
  }

  OutboundMessage toOutbound(Codec codec) {
    if (single != null) {
      return single.toOutbound();
    }
    return WireFrames.delta(cluster, epoch, from, to,
        WireFrames.changesBody(codec, cluster, epoch, new ArrayList<>(merged.values())));
  }
}
