package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One snapshot request to the Agent and every subscription waiting for it: however many clients
 * ask for the same resource while it is in flight, the Agent answers once. Owned by the hub's owner
 * context; not thread-safe.
 *
 * <p>While in flight the round keeps the chunks' items, and the resource's changes of every
 * version that arrives after the request was sent: the Agent takes the snapshot at some version
 * {@code s} at or after that point, and its chunks may arrive before or after the deltas around
 * {@code s}. When the last chunk is in, each waiter's access class gets the items it may see, once,
 * and, if the hub is already past {@code s}, the merged changes {@code s+1..version} it may see, so
 * the subscription can be brought to the hub's version without a gap. Both are dropped as soon as
 * the round is delivered: the Backend keeps no copy of objects beyond one request's life.
 */
final class SnapshotRound {
  private record Versioned(long version, List<Change> changes) {}

  /** What one access class gets from a round. */
  record ClassResult(OutboundMessage snapshot, List<ClientChange> catchUp, Buffer catchUpBody) {}

  private final ResourceName resource;
  private final Object key;
  private final Map<Subscription, Subscriber> waiters = new LinkedHashMap<>();
  private final List<SnapshotItem> items = new ArrayList<>();
  private final List<Versioned> later = new ArrayList<>();
  private String requestId;
  private long startVersion;
  private long deadlineNanos;
  private long retryAtNanos;
  private boolean retrying;
  private long laterBytes;
  private Long version;

  /**
   * @param shared whether later waiters for the resource may join this round (the product); a
   *     benchmark's baseline without deduplication makes rounds of one waiter each
   */
  SnapshotRound(ResourceName resource, boolean shared) {
    this.resource = resource;
    this.key = shared ? resource : this;
  }

  ResourceName resource() {
    return resource;
  }

  /** The round's key among its cluster's rounds: its resource, or itself when not shared. */
  Object key() {
    return key;
  }

  /** Adds a waiter; false if it was already waiting here. */
  boolean join(Subscriber subscriber, Subscription subscription) {
    subscription.await(this);
    return waiters.put(subscription, subscriber) == null;
  }

  /** The waiters that still wait on this round (not unsubscribed, not stale, not moved on). */
  List<Map.Entry<Subscription, Subscriber>> waiting() {
    List<Map.Entry<Subscription, Subscriber>> out = new ArrayList<>();
    for (Map.Entry<Subscription, Subscriber> entry : waiters.entrySet()) {
      if (entry.getKey().round() == this) {
        out.add(entry);
      }
    }
    return out;
  }

  /** Whether the request is out, or waits for its retry: either way it must not be sent now. */
  boolean isSent() {
    return requestId != null || retrying;
  }

  String requestId() {
    return requestId;
  }

  /**
   * The request went out under {@code id} when the hub was at {@code version}; anything gathered
   * for an earlier one is dropped.
   */
  void sent(String id, long version, long deadline) {
    reset();
    requestId = id;
    startVersion = version;
    deadlineNanos = deadline;
  }

  /** The hub's version when the request went out: the snapshot cannot be older. */
  long startVersion() {
    return startVersion;
  }

  /** The request is lost (the link went down): it must be sent again. */
  void reset() {
    requestId = null;
    retrying = false;
    items.clear();
    later.clear();
    laterBytes = 0;
    version = null;
  }

  boolean expired(long now) {
    return requestId != null && now - deadlineNanos > 0;
  }

  /** The Agent refused the request; it is asked again at {@code nanoTime}. */
  void retryAt(long nanoTime) {
    reset();
    retrying = true;
    retryAtNanos = nanoTime;
  }

  /** Whether a refused request's backoff is over. */
  boolean retryDue(long now) {
    return retrying && now - retryAtNanos > 0;
  }

  /** Keeps the resource's changes of a version that arrived while in flight; returns the bytes held. */
  long record(AgentDelta delta) {
    List<Change> mine = new ArrayList<>();
    for (Change change : delta.changes()) {
      if (change.resource().equals(resource)) {
        mine.add(change);
        laterBytes += change.object() == null ? 64 : change.object().size() + 64;
      }
    }
    if (!mine.isEmpty()) {
      later.add(new Versioned(delta.version().value(), mine));
    }
    return laterBytes;
  }

  /**
   * Adds a chunk; returns true when it was the last.
   *
   * @throws IllegalArgumentException if the chunk disagrees with the earlier ones
   */
  boolean add(SnapshotChunk chunk) {
    if (!chunk.resource().equals(resource)) {
      throw new IllegalArgumentException("a chunk of " + chunk.resource() + " answers a request for " + resource);
    }
    if (version == null) {
      version = chunk.version().value();
    } else if (version != chunk.version().value()) {
      throw new IllegalArgumentException("the chunks of one snapshot carry different versions");
    }
    items.addAll(chunk.items());
    return chunk.last();
  }

  /** The snapshot's version; only once a chunk arrived. */
  long version() {
    return version;
  }

  /** Filters and encodes the result for one access class. */
  ClassResult resultFor(ClusterAccess access, ClusterId cluster, Epoch epoch, long hubVersion, Codec codec) {
    List<RawJson> visible = new ArrayList<>();
    for (SnapshotItem item : items) {
      if (access.mayView(resource, item.key(), item.labels())) {
        visible.add(item.object());
      }
    }
    OutboundMessage snapshot = WireFrames.snapshot(cluster, resource, epoch, version, visible);
    if (version >= hubVersion) {
      return new ClassResult(snapshot, List.of(), null);
    }
    Map<ChangeFilter.Slot, ClientChange> merged = ChangeFilter.newMerge();
    for (Versioned versioned : later) {
      if (versioned.version() > version && versioned.version() <= hubVersion) {
        ChangeFilter.mergeInto(merged, ChangeFilter.visible(versioned.changes(), Set.of(resource), access));
      }
    }
    List<ClientChange> catchUp = List.copyOf(merged.values());
    return new ClassResult(snapshot, catchUp, WireFrames.changesBody(codec, cluster, epoch, catchUp));
  }
}
