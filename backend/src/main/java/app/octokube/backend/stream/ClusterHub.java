package app.octokube.backend.stream;

import app.octokube.backend.agents.ClusterLink;
import app.octokube.backend.agents.LinkListener;
import app.octokube.backend.agents.OwnerContext;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClusterStatus;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.SnapshotChunk;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One cluster's fan-out: its subscribers, their subscriptions and the snapshot rounds in flight.
 *
 * <p><b>Threading.</b> Everything here runs on the cluster's {@link OwnerContext}, which also owns
 * the cluster's {@link ClusterLink}; methods called from elsewhere only submit a task to it. So
 * the link's events, client requests and timers are handled one at a time, in order, and the
 * state needs no lock. Writes leave through each client's thread-safe {@link ClientOutbox}.
 *
 * <p><b>Ordering.</b> Deltas are handled in version order as the link delivers them; a snapshot is
 * placed by its version (see {@link Subscriber}), never by when its last chunk arrived. A
 * subscription awaiting a snapshot gets no delta; a live one gets every later change it may see.
 *
 * <p><b>Snapshot deduplication.</b> One round per resource ({@link SnapshotRounds}): every
 * subscribe or resync while a round is in flight joins it, and the Agent is asked once.
 */
public final class ClusterHub implements LinkListener {
  private final ClusterId cluster;
  private final OwnerContext owner;
  private final ClusterLink link;
  private final ClusterRegistry registry;
  private final AccessResolver resolver;
  private final Codec codec;
  private final StreamMetrics metrics;
  private final Clock clock;
  private final DeltaFanout fanout;
  private final SnapshotRounds rounds;
  private final Map<ClientSession, Subscriber> subscribers = new LinkedHashMap<>();
  private final long timer;

  ClusterHub(ClusterId cluster, OwnerContext owner, ClusterRegistry registry, AccessResolver resolver, Codec codec,
      StreamLimits limits, StreamMetrics metrics, Clock clock) {
    this.cluster = cluster;
    this.owner = owner;
    this.registry = registry;
    this.resolver = resolver;
    this.codec = codec;
    this.metrics = metrics;
    this.clock = clock;
    this.fanout = new DeltaFanout(cluster, codec, limits.baseline().encodePerClient());
    this.link = new ClusterLink(owner, cluster, this, metrics);
    this.rounds = new SnapshotRounds(cluster, link, codec, limits, metrics, new SnapshotRounds.Waiters() {
      @Override
      public boolean isCurrent(Subscriber subscriber) {
        return subscribers.get(subscriber.session()) == subscriber;
      }

      @Override
      public void end(Subscriber subscriber, ResourceName resource, ErrorMessage error) {
        ClusterHub.this.end(subscriber, resource, error);
      }
    });
    this.timer = owner.every(limits.idleFlush().toMillis(), this::tick);
  }

  public ClusterId cluster() {
    return cluster;
  }

  public ClusterLink link() {
    return link;
  }

  void stop() {
    owner.vertx().cancelTimer(timer);
  }

  /** Subscribes, or resyncs: the subscription awaits a fresh snapshot. Callable from any thread. */
  void subscribe(ClientSession session, ResourceName resource, boolean resync) {
    owner.execute(() -> onSubscribe(session, resource, resync));
  }

  void unsubscribe(ClientSession session, ResourceName resource) {
    owner.execute(() -> {
      Subscriber subscriber = subscribers.get(session);
      if (subscriber != null) {
        drop(subscriber, resource);
      }
    });
  }

  void sessionClosed(ClientSession session) {
    owner.execute(() -> {
      Subscriber gone = subscribers.remove(session);
      if (gone != null) {
        fanout.leave(gone);
        gone.subscriptions().forEach(Subscription::stale);
      }
    });
  }

  /** The client drained after an overflow: its stale subscriptions get fresh snapshots. */
  void repair(ClientSession session) {
    owner.execute(() -> {
      Subscriber subscriber = subscribers.get(session);
      if (subscriber != null) {
        for (Subscription subscription : subscriber.subscriptions()) {
          if (subscription.state() == Subscription.State.STALE) {
            metrics.resync();
            rounds.join(subscriber, subscription);
          }
        }
      }
    });
  }

  /** Decides again the access of the matching users; see {@link ClusterRegistry#accessChanged()}. */
  void accessChanged(Predicate<String> users) {
    owner.execute(() -> onAccessChanged(users));
  }

  /** Ends one subscription with an error for the client; nothing more is sent for it. */
  private void end(Subscriber subscriber, ResourceName resource, ErrorMessage error) {
    assert owner.inOwner() : "only the cluster's owner changes subscriptions";
    drop(subscriber, resource);
    subscriber.session().ended(cluster, resource, error);
  }

  private void drop(Subscriber subscriber, ResourceName resource) {
    Subscription removed = subscriber.remove(resource);
    if (removed != null) {
      removed.stale();
    }
    if (subscriber.isEmpty()) {
      subscribers.remove(subscriber.session());
      fanout.leave(subscriber);
    }
  }

  private void onSubscribe(ClientSession session, ResourceName resource, boolean resync) {
    assert owner.inOwner() : "only the cluster's owner changes subscriptions";
    Subscriber subscriber = subscribers.get(session);
    ClusterAccess access = subscriber != null
        ? subscriber.access()
        : resolver.accessFor(session.user(), cluster, clock.instant());
    ErrorMessage refusal = refusal(access, resource);
    if (refusal != null) {
      if (subscriber != null) {
        end(subscriber, resource, refusal);
      } else {
        session.ended(cluster, resource, refusal);
      }
      return;
    }
    if (subscriber == null) {
      subscriber = new Subscriber(session, cluster, access, link.version(), fanout);
      subscribers.put(session, subscriber);
      fanout.join(subscriber);
    }
    if (resync || subscriber.subscription(resource) != null) {
      metrics.resync();
    }
    rounds.join(subscriber, subscriber.add(resource));
  }

  /** Why a subscription is refused, or null; the order keeps existence private (see {@link ClusterAccess}). */
  private ErrorMessage refusal(ClusterAccess access, ResourceName resource) {
    if (!access.mayViewCluster()) {
      return access.opensLater() ? noAccessNow(resource) : ClientSession.unknownCluster(cluster, resource);
    }
    if (!access.maySubscribe(resource)) {
      return forbidden(resource, "no rule lets you see ");
    }
    if (!link.resources().contains(resource)) {
      return unknownResource(resource);
    }
    return null;
  }

  private ErrorMessage noAccessNow(ResourceName resource) {
    return new ErrorMessage(ErrorCode.NO_ACCESS_NOW,
        "no access at this time: your access to cluster " + cluster + " follows a schedule and is closed now",
        cluster, resource);
  }

  private ErrorMessage forbidden(ResourceName resource, String why) {
    return new ErrorMessage(ErrorCode.FORBIDDEN, why + resource + " in cluster " + cluster, cluster, resource);
  }

  private ErrorMessage unknownResource(ResourceName resource) {
    return new ErrorMessage(ErrorCode.UNKNOWN_RESOURCE, "cluster " + cluster + " does not serve " + resource,
        cluster, resource);
  }

  private void onAccessChanged(Predicate<String> users) {
    assert owner.inOwner() : "only the cluster's owner changes subscriptions";
    for (Subscriber subscriber : new ArrayList<>(subscribers.values())) {
      String user = subscriber.session().user();
      if (!users.test(user)) {
        continue;
      }
      ClusterAccess next = resolver.accessFor(user, cluster, clock.instant());
      if (next.accessClass().equals(subscriber.access().accessClass())) {
        continue;
      }
      subscriber.access(next);
      for (Subscription subscription : new ArrayList<>(subscriber.subscriptions())) {
        ResourceName resource = subscription.resource();
        if (!next.mayViewCluster() && next.opensLater()) {
          end(subscriber, resource, noAccessNow(resource));
        } else if (!next.mayViewCluster() || !next.maySubscribe(resource)) {
          end(subscriber, resource, forbidden(resource, "your access changed: no rule lets you see "));
        } else {
          metrics.resync();
          rounds.join(subscriber, subscription);
        }
      }
    }
  }

  private void tick() {
    assert owner.inOwner() : "the hub's timer runs on its owner";
    Epoch epoch = link.epoch();
    if (epoch != null) {
      for (Subscriber subscriber : subscribers.values()) {
        if (subscriber.hasPending()) {
          subscriber.flush(epoch);
        }
      }
    }
    rounds.expire(System.nanoTime());
  }

  @Override
  public void linkUp(Epoch epoch, long version, List<ResourceName> resources, boolean resumed) {
    assert owner.inOwner() : "the link calls on its owner";
    broadcast(new ClusterStatus(cluster, true, epoch));
    resourcesChanged(resources);
    rounds.linkLost();
    if (!resumed) {
      // A new history: every subscription resyncs; the rounds absorb the storm.
      for (Subscriber subscriber : subscribers.values()) {
        subscriber.rebase(version);
        for (Subscription subscription : subscriber.subscriptions()) {
          metrics.resync();
          rounds.join(subscriber, subscription);
        }
      }
    }
    rounds.sendUnsent();
  }

  @Override
  public void linkDown() {
    assert owner.inOwner() : "the link calls on its owner";
    broadcast(new ClusterStatus(cluster, false, link.epoch()));
    rounds.linkLost();
  }

  @Override
  public void delta(AgentDelta delta) {
    assert owner.inOwner() : "the link calls on its owner";
    rounds.record(delta);
    long visits = fanout.visits();
    metrics.payloadsEncoded(fanout.fanOut(delta, link.epoch()));
    metrics.subscribersVisited(fanout.visits() - visits);
  }

  @Override
  public void snapshotChunk(SnapshotChunk chunk) {
    assert owner.inOwner() : "the link calls on its owner";
    rounds.chunk(chunk);
  }

  @Override
  public void snapshotFailed(String requestId, String code) {
    assert owner.inOwner() : "the link calls on its owner";
    rounds.failed(requestId, code, this::unknownResource);
  }

  @Override
  public void resourcesChanged(List<ResourceName> resources) {
    assert owner.inOwner() : "the link calls on its owner";
    for (Subscriber subscriber : new ArrayList<>(subscribers.values())) {
      for (Subscription subscription : new ArrayList<>(subscriber.subscriptions())) {
        if (!resources.contains(subscription.resource())) {
          end(subscriber, subscription.resource(), unknownResource(subscription.resource()));
        }
      }
    }
    rounds.retainServed(resources);
  }

  private void broadcast(ClusterStatus status) {
    registry.broadcast(cluster, WireFrames.encode(codec, status));
  }
}
