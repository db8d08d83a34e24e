package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client stream as the hub of one cluster sees it: the user's access, the subscriptions, and
 * the range bookkeeping that keeps every delta applicable under the client's rule. Owned by the
 * hub's owner context; not thread-safe.
 *
 * <p><b>Ranges.</b> The client applies a delta to a resource when {@code from == local + 1},
 * ignores it when {@code to <= local}, and resyncs otherwise. A subscription whose snapshot is at
 * {@code s} holds {@code local = s}; the others hold the end of the last delta sent. So:
 *
 * <ul>
 *   <li>versions with nothing for the client wait as an unsent range ({@code sentTo, seenTo}] and
 *       go out with the next delta, or on their own within {@link StreamLimits#idleFlush()};
 *   <li>no delta may straddle a snapshot version: a range is cut there (the resource ignores the
 *       part up to it and applies the part after);
 *   <li>a snapshot older than the hub's version is followed by a catch-up delta
 *       {@code s+1..version} with the resource's changes of those versions, so the resource
 *       joins the others at the hub's version;
 *   <li>a delta is marked not mergeable into the previous one when a live subscription ignored
 *       the previous one but applies this one: merged, they would look like a gap to it.
 * </ul>
 *
 * <p><b>Settled.</b> While every subscription is live and none is ahead of {@code sentTo}, every
 * version concerns the same resources and cuts nothing: the fan-out then leaves the subscriber in
 * its group and visits it only for versions with changes for it ({@link DeltaFanout}). Its
 * {@code seenTo} is then the fan-out's version, caught up when read. Every change to the
 * subscriptions or the access goes through {@link #changing()} first, which hands the subscriber
 * back to the per-version walk.
 */
final class Subscriber {
  private static final Buffer NO_CHANGES = Buffer.buffer("[]}");

  private final ClientSession session;
  private final ClusterId cluster;
  private final DeltaFanout fanout;
  private final Map<ResourceName, Subscription> subscriptions = new LinkedHashMap<>();
  private ClusterAccess access;
  private long sentTo;
  private long seenTo;
  private long lastFrom = -1;
  /** What {@link #relevantFor} returned last: the same object while the same resources are relevant. */
  private Set<ResourceName> relevant = Set.of();
  /** The resources of {@link #relevant}, the very objects, in the order of the subscriptions. */
  private ResourceName[] relevantOrder = new ResourceName[0];
  /** The fan-out's memory of this subscriber's group, and the access and resources it joined with. */
  DeltaFanout.Group fanoutGroup;
  ClusterAccess fanoutAccess;
  Set<ResourceName> fanoutResources;
  /** The group this subscriber waits in while settled, and its place there; null when unsettled. */
  DeltaFanout.Group settledIn;
  int settledIndex;
  /** Whether it left the hub: then the fan-out takes no notice of it any more. */
  boolean left;

  /** A subscriber at the hub's {@code version}; it joins {@code fanout} unsettled. */
  Subscriber(ClientSession session, ClusterId cluster, ClusterAccess access, long version, DeltaFanout fanout) {
    this.session = session;
    this.cluster = cluster;
    this.fanout = fanout;
    this.access = access;
    this.sentTo = version;
    this.seenTo = version;
  }

  ClientSession session() {
    return session;
  }

  ClusterAccess access() {
    return access;
  }

  void access(ClusterAccess access) {
    changing();
    this.access = access;
  }

  Subscription subscription(ResourceName resource) {
    return subscriptions.get(resource);
  }

  Subscription add(ResourceName resource) {
    Subscription subscription = subscriptions.get(resource);
    if (subscription == null) {
      changing();
      subscription = new Subscription(resource, this);
      subscriptions.put(resource, subscription);
    }
    return subscription;
  }

  Subscription remove(ResourceName resource) {
    changing();
    return subscriptions.remove(resource);
  }

  Collection<Subscription> subscriptions() {
    return subscriptions.values();
  }

  boolean isEmpty() {
    return subscriptions.isEmpty();
  }

  /** Whether versions (sentTo, seenTo] wait unsent. */
  boolean hasPending() {
    catchUp();
    return seenTo > sentTo;
  }

  /** Its subscriptions or access are about to change: it leaves its settled group, if in one. */
  void changing() {
    fanout.unsettle(this);
  }

  /** While settled, it has seen every version the fan-out has (it was not visited for them). */
  private void catchUp() {
    if (settledIn != null) {
      caughtUp(fanout.version());
    }
  }

  /** Versions up to {@code version} were seen: the fan-out's, when it leaves the settled ones. */
  void caughtUp(long version) {
    seenTo = Math.max(seenTo, version);
  }

  /**
   * Whether it may settle: every subscription that counts is live and at most at {@code sentTo},
   * and they all were relevant to the last version, so every later one concerns the same
   * resources and cuts nothing.
   */
  boolean isSettled() {
    int live = 0;
    for (Subscription subscription : subscriptions.values()) {
      if (subscription.isLive()) {
        if (subscription.version() > sentTo) {
          return false;
        }
        live++;
      }
    }
    return live > 0 && live == relevantOrder.length;
  }

  /** Starts over at {@code version}: every subscription awaits a snapshot of a new history. */
  void rebase(long version) {
    changing();
    sentTo = version;
    seenTo = version;
    lastFrom = -1;
  }

  /** Every subscription stops until the client drains: its buffer overflowed. */
  void staleAll() {
    for (Subscription subscription : subscriptions.values()) {
      subscription.stale();
    }
  }

  /**
   * Prepares for version {@code v}: cuts the unsent range at snapshot versions inside it, and
   * returns the resources whose changes of {@code v} the client must get, or null when none.
   */
  Set<ResourceName> relevantFor(long v, Epoch epoch) {
    // One pass, as this runs for every subscriber on every version: whether a snapshot version cuts
    // the unsent range, and whether the relevant resources are those of last time, compared by
    // identity, in order, against relevantOrder (a resource name's equality and hash, a record's,
    // would cost more than the rest of the walk).
    boolean cut = false;
    boolean live = false;
    int count = 0;
    boolean same = true;
    for (Subscription subscription : subscriptions.values()) {
      if (subscription.isLive()) {
        live = true;
        long at = subscription.version();
        cut |= at > sentTo && at < v;
        if (at < v) {
          same &= count < relevantOrder.length && relevantOrder[count] == subscription.resource();
          count++;
        }
      }
    }
    // An accepted flush changes no subscription: what the pass found still holds.
    if (live && cut && !accepted(flush(epoch))) {
      return null;
    }
    if (!same || count != relevantOrder.length) {
      relevantNow(v, count);
    }
    if (relevant.isEmpty()) {
      // Every live subscription is at v or later already: nothing up to v concerns the client.
      sentTo = v;
      seenTo = v;
      lastFrom = -1;
      return null;
    }
    return relevant;
  }

  /**
   * Sets {@link #relevant} to the {@code count} resources of live subscriptions older than
   * {@code v}; the set stays the same object while they stay the same, so that the fan-out
   * allocates nothing and finds the subscriber's group again.
   */
  private void relevantNow(long v, int count) {
    ResourceName[] order = new ResourceName[count];
    int i = 0;
    for (Subscription subscription : subscriptions.values()) {
      if (subscription.isLive() && subscription.version() < v) {
        order[i++] = subscription.resource();
      }
    }
    relevantOrder = order;
    relevant = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(order)));
  }

  /** Delivers version {@code v}: the changes the client may see, with their shared body. */
  ClientOutbox.Result deliver(long v, Epoch epoch, List<ClientChange> changes, Buffer body) {
    if (changes.isEmpty()) {
      seenTo = v;
      return ClientOutbox.Result.QUEUED;
    }
    return emit(epoch, v, changes, body);
  }

  /** Sends the unsent range of versions, cut at snapshot versions inside it. */
  ClientOutbox.Result flush(Epoch epoch) {
    catchUp();
    while (sentTo < seenTo) {
      long cut = seenTo;
      boolean applied = false;
      for (Subscription subscription : subscriptions.values()) {
        if (subscription.isLive()) {
          long at = subscription.version();
          applied |= at <= sentTo;
          if (at > sentTo && at < cut) {
            cut = at;
          }
        }
      }
      if (applied) {
        ClientOutbox.Result result = emit(epoch, cut, List.of(), NO_CHANGES);
        if (!accepted(result)) {
          return result;
        }
      } else {
        // No live subscription stands at sentTo: every one of them ignores this part.
        sentTo = cut;
        lastFrom = -1;
      }
    }
    return ClientOutbox.Result.SENT;
  }

  /**
   * A snapshot for {@code subscription}: sent after the unsent range if a catch-up must follow it,
   * then the catch-up {@code snapshotVersion+1..hubVersion}, after which the subscription is live.
   *
   * @param catchUp the resource's changes after the snapshot as this access sees them, merged; and
   *     {@code catchUpBody} their shared encoding. Unused when the snapshot is not older than the hub.
   */
  ClientOutbox.Result deliverSnapshot(Subscription subscription, OutboundMessage snapshot, long snapshotVersion,
      List<ClientChange> catchUp, Buffer catchUpBody, long hubVersion, Epoch epoch) {
    changing();
    boolean live = subscriptions.values().stream().anyMatch(Subscription::isLive);
    if (!live) {
      rebase(hubVersion);
    } else if (snapshotVersion < hubVersion) {
      ClientOutbox.Result flushed = flush(epoch);
      if (!accepted(flushed)) {
        return flushed;
      }
    }
    ClientOutbox.Result result = session.outbox().sendSnapshot(cluster, subscription.resource(), snapshot);
    if (result == ClientOutbox.Result.OVERFLOWED) {
      staleAll();
    }
    if (!accepted(result)) {
      return result;
    }
    if (snapshotVersion >= hubVersion) {
      subscription.live(snapshotVersion);
      return result;
    }
    subscription.live(hubVersion);
    ClientOutbox.Result caughtUp = session.outbox().sendDelta(new DeltaMessage(
        cluster, epoch, snapshotVersion + 1, hubVersion, catchUp, catchUpBody, false));
    lastFrom = -1;
    if (caughtUp == ClientOutbox.Result.OVERFLOWED) {
      staleAll();
    }
    return caughtUp;
  }

  private ClientOutbox.Result emit(Epoch epoch, long to, List<ClientChange> changes, Buffer body) {
    long from = sentTo + 1;
    boolean mergeable = mayMerge(from, to);
    sentTo = to;
    seenTo = Math.max(seenTo, to);
    lastFrom = from;
    ClientOutbox.Result result =
        session.outbox().sendDelta(new DeltaMessage(cluster, epoch, from, to, changes, body, mergeable));
    if (result == ClientOutbox.Result.OVERFLOWED) {
      staleAll();
    }
    return result;
  }

  /**
   * Whether a delta {@code from..to} may merge into the previous one, which ended at
   * {@code from - 1}: only if every live subscription applies both or ignores both.
   */
  private boolean mayMerge(long from, long to) {
    if (lastFrom < 0) {
      return false;
    }
    for (Subscription subscription : subscriptions.values()) {
      if (subscription.isLive() && subscription.version() >= lastFrom && subscription.version() < to) {
        return false;
      }
    }
    return true;
  }

  private static boolean accepted(ClientOutbox.Result result) {
    return result == ClientOutbox.Result.SENT || result == ClientOutbox.Result.QUEUED;
  }
}
