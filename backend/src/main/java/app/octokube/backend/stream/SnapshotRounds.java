package app.octokube.backend.stream;

import app.octokube.backend.agents.ClusterLink;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.SnapshotChunk;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot rounds of one cluster, at most one per resource: the deduplication of snapshot
 * requests. A subscription that needs a snapshot joins the round of its resource, or starts one;
 * the Agent is asked once per round, however many join it before it completes. Owned by the
 * cluster's owner context, like its {@link ClusterHub}.
 *
 * <p>Rules: a round is sent only while the link is up, and sent again when the link comes back
 * (the chunks of a lost request are dropped); when it takes longer than
 * {@link StreamLimits#snapshotTimeout()}, or the changes it holds for its catch-up exceed
 * {@link StreamLimits#maxCatchUpBytes()}, it is asked again under a new request id, and chunks of
 * the old id are ignored. When the Agent answers {@code unknown-resource}, the waiters'
 * subscriptions end with that error; any other refusal is asked again after a jittered backoff
 * of one to two seconds (docs/protocol.md, the Agent's error codes).
 *
 * <p>With {@code noSnapshotDedup} (a benchmark's baseline, {@link StreamLimits.Baseline}) every
 * join starts a round of its own, so every subscribe or resync is its own request to the Agent.
 */
final class SnapshotRounds {
  private static final Logger log = LoggerFactory.getLogger(SnapshotRounds.class);

  /** What the rounds need of their hub. */
  interface Waiters {
    /** Whether the subscriber is still the hub's (its stream did not close meanwhile). */
    boolean isCurrent(Subscriber subscriber);

    /** Ends a subscription with an error. */
    void end(Subscriber subscriber, ResourceName resource, ErrorMessage error);
  }

  private final ClusterId cluster;
  private final ClusterLink link;
  private final Codec codec;
  private final StreamLimits limits;
  private final StreamMetrics metrics;
  private final Waiters waiters;
  /** By {@link SnapshotRound#key()}: the resource, one round each (or each round alone, without dedup). */
  private final Map<Object, SnapshotRound> rounds = new HashMap<>();
  private final Map<String, SnapshotRound> byRequest = new HashMap<>();
  private long requests;

  /** The shortest wait before a refused request is asked again: one second, up to twice that. */
  private static final long RETRY_NANOS = 1_000_000_000L;

  SnapshotRounds(ClusterId cluster, ClusterLink link, Codec codec, StreamLimits limits, StreamMetrics metrics,
      Waiters waiters) {
    this.cluster = cluster;
    this.link = link;
    this.codec = codec;
    this.limits = limits;
    this.metrics = metrics;
    this.waiters = waiters;
  }

  /** The subscription awaits the next snapshot of its resource. */
  void join(Subscriber subscriber, Subscription subscription) {
    ResourceName resource = subscription.resource();
    boolean shared = !limits.baseline().noSnapshotDedup();
    SnapshotRound round = shared ? rounds.get(resource) : null;
    if (round == null) {
      round = new SnapshotRound(resource, shared);
      rounds.put(round.key(), round);
      round.join(subscriber, subscription);
      send(round);
    } else if (round.join(subscriber, subscription)) {
      metrics.snapshotDeduplicated();
    }
  }

  /** The link went down: every request in flight is lost and will be sent again. */
  void linkLost() {
    byRequest.clear();
    rounds.values().forEach(SnapshotRound::reset);
  }

  /** The link is up: sends every round not sent yet. */
  void sendUnsent() {
    for (SnapshotRound round : rounds.values()) {
      if (!round.isSent()) {
        send(round);
      }
    }
  }

  /** Keeps a version's changes for the catch-up of the rounds in flight. */
  void record(AgentDelta delta) {
    for (SnapshotRound round : new ArrayList<>(rounds.values())) {
      if (round.requestId() != null && round.record(delta) > limits.maxCatchUpBytes()) {
        log.warn("cluster {}: snapshot of {} outpaced by changes; asking again", cluster, round.resource());
        send(round);
      }
    }
  }

  /** Asks again for rounds that took too long, and for refused ones whose backoff is over. */
  void expire(long nanoTime) {
    for (SnapshotRound round : new ArrayList<>(rounds.values())) {
      if (round.expired(nanoTime)) {
        log.warn("cluster {}: snapshot of {} not answered in time; asking again", cluster, round.resource());
        send(round);
      } else if (round.retryDue(nanoTime)) {
        send(round);
      }
    }
  }

  /** A chunk; the last one completes its round, which delivers to every waiter. */
  void chunk(SnapshotChunk chunk) {
    SnapshotRound round = byRequest.get(chunk.requestId());
    if (round == null || !chunk.epoch().equals(link.epoch())) {
      log.debug("cluster {}: ignoring a chunk of request {}, no longer awaited", cluster, chunk.requestId());
      return;
    }
    boolean last;
    try {
      last = round.add(chunk);
    } catch (IllegalArgumentException e) {
      log.warn("cluster {}: inconsistent snapshot chunks for {}; asking again", cluster, round.resource());
      send(round);
      return;
    }
    if (!last) {
      return;
    }
    if (round.version() < round.startVersion()) {
      log.warn("cluster {}: snapshot of {} older than the request; asking again", cluster, round.resource());
      send(round);
      return;
    }
    rounds.remove(round.key());
    byRequest.remove(round.requestId());
    deliver(round);
  }

  /**
   * The Agent refused a request. For {@code unknown-resource} the waiters' subscriptions end with
   * the error {@code errors} gives; otherwise the round is asked again after a jittered backoff.
   */
  void failed(String requestId, String code, Function<ResourceName, ErrorMessage> errors) {
    SnapshotRound round = byRequest.remove(requestId);
    if (round == null) {
      return;
    }
    if (!"unknown-resource".equals(code)) {
      long backoff = (long) (RETRY_NANOS * (1 + ThreadLocalRandom.current().nextDouble()));
      round.retryAt(System.nanoTime() + backoff);
      return;
    }
    rounds.remove(round.key());
    ErrorMessage error = errors.apply(round.resource());
    for (Map.Entry<Subscription, Subscriber> waiter : round.waiting()) {
      if (waiters.isCurrent(waiter.getValue())) {
        waiters.end(waiter.getValue(), round.resource(), error);
      }
    }
  }

  /** Drops the rounds of resources the Agent no longer serves; their waiters were ended by the hub. */
  void retainServed(Collection<ResourceName> served) {
    for (SnapshotRound round : new ArrayList<>(rounds.values())) {
      if (!served.contains(round.resource())) {
        rounds.remove(round.key());
        if (round.requestId() != null) {
          byRequest.remove(round.requestId());
        }
      }
    }
  }

  private void send(SnapshotRound round) {
    if (!link.isUp()) {
      return;
    }
    if (round.requestId() != null) {
      byRequest.remove(round.requestId());
    }
    String id = "s" + (++requests);
    round.sent(id, link.version(), System.nanoTime() + limits.snapshotTimeout().toNanos());
    byRequest.put(id, round);
    metrics.snapshotRequested();
    link.requestSnapshot(id, round.resource());
  }

  /** Filters and encodes once per access class, and hands each waiter its snapshot and catch-up. */
  private void deliver(SnapshotRound round) {
    long version = link.version();
    Epoch epoch = link.epoch();
    Map<Object, SnapshotRound.ClassResult> byClass = new HashMap<>();
    for (Map.Entry<Subscription, Subscriber> waiter : round.waiting()) {
      Subscriber subscriber = waiter.getValue();
      if (!waiters.isCurrent(subscriber)) {
        continue;
      }
      ClusterAccess access = subscriber.access();
      SnapshotRound.ClassResult result = byClass.computeIfAbsent(access.accessClass(),
          key -> round.resultFor(access, cluster, epoch, version, codec));
      subscriber.deliverSnapshot(waiter.getKey(), result.snapshot(), round.version(), result.catchUp(),
          result.catchUpBody(), version, epoch);
    }
    log.debug("cluster {}: snapshot of {} at version {} served to {} access classes",
        cluster, round.resource(), round.version(), byClass.size());
  }
}
