package app.octokube.backend.stream;

import app.octokube.backend.agents.ClusterLink;
import app.octokube.backend.agents.OwnerContext;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.client.ClusterInfo;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters this Backend serves, each with its {@link ClusterHub} on its own owner context, and
 * the client streams connected now. The set of clusters is fixed at start (one per Agent token).
 * Thread-safe: the hub map never changes after start, and the session set is concurrent.
 */
public final class ClusterRegistry {
  private final Map<ClusterId, ClusterHub> hubs = new LinkedHashMap<>();
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> streamsPerUser = new ConcurrentHashMap<>();
  private final AccessResolver resolver;
  private final Codec codec;
  private final StreamLimits limits;
  private final StreamMetrics metrics;
  private final Clock clock;

  private ClusterRegistry(
      AccessResolver resolver, Codec codec, StreamLimits limits, StreamMetrics metrics, Clock clock) {
    this.resolver = resolver;
    this.codec = codec;
    this.limits = limits;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Creates the hub of each cluster, each on an owner context of its own. */
  public static Future<ClusterRegistry> start(Vertx vertx, Collection<ClusterId> clusters, AccessResolver resolver,
      Codec codec, StreamLimits limits, StreamMetrics metrics, Clock clock) {
    ClusterRegistry registry = new ClusterRegistry(resolver, codec, limits, metrics, clock);
    List<Future<OwnerContext>> owners = new ArrayList<>();
    for (ClusterId cluster : clusters) {
      owners.add(OwnerContext.create(vertx));
    }
    return Future.all(owners).map(all -> {
      int i = 0;
      for (ClusterId cluster : clusters) {
        OwnerContext owner = owners.get(i++).result();
        registry.hubs.put(cluster,
            new ClusterHub(cluster, owner, registry, resolver, codec, limits, metrics, clock));
      }
      return registry;
    });
  }

  public ClusterHub hub(ClusterId cluster) {
    return hubs.get(cluster);
  }

  /** The link of a cluster, or null if it has no token here; what the agent endpoint looks up. */
  public ClusterLink link(ClusterId cluster) {
    ClusterHub hub = hubs.get(cluster);
    return hub == null ? null : hub.link();
  }

  public Collection<ClusterHub> hubs() {
    return Collections.unmodifiableCollection(hubs.values());
  }

  /** The streams connected now. */
  public Collection<ClientSession> sessions() {
    return Collections.unmodifiableSet(sessions);
  }

  /** A new stream for an authenticated user; it starts when {@link ClientSession#start()} is called. */
  public ClientSession newSession(String user, MessageSink sink) {
    return new ClientSession(user, sink, this);
  }

  /** Counts a stream against the user's limit; false if the user already holds the maximum. */
  public boolean tryOpenStream(String user) {
    boolean[] opened = {false};
    streamsPerUser.compute(user, (name, count) -> {
      int now = count == null ? 0 : count;
      if (now >= limits.maxConnectionsPerUser()) {
        return count;
      }
      opened[0] = true;
      return now + 1;
    });
    return opened[0];
  }

  /** A stream counted by {@link #tryOpenStream} closed. */
  public void streamClosed(String user) {
    streamsPerUser.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
  }

  /**
   * Access rules changed (a policy reload, a schedule boundary): every subscriber's access is
   * decided again. A subscription whose access class changed gets a fresh snapshot under the new
   * rules; one whose resource is no longer granted ends with {@code error{code: forbidden}} and
   * gets nothing more. Clusters that become visible or invisible show in the next {@code hello}.
   * Callable from any thread; takes effect on each cluster's owner right after.
   */
  public void accessChanged() {
    hubs.values().forEach(hub -> hub.accessChanged(user -> true));
  }

  /** {@link #accessChanged()} for one user's streams only. */
  public void accessChanged(String user) {
    hubs.values().forEach(hub -> hub.accessChanged(user::equals));
  }

  /**
   * Ends every stream of a user whose session expired or was revoked (sign-out): each gets
   * {@code error unauthenticated}, then close code 4001, as docs/protocol.md says.
   */
  public void endSessions(String user) {
    OutboundMessage error = WireFrames.encode(codec, ErrorMessage.of(ErrorCode.UNAUTHENTICATED,
        "your session ended; sign in again"));
    for (ClientSession session : sessions) {
      if (session.user().equals(user)) {
        session.outbox().closeWith(error, CloseCode.UNAUTHENTICATED);
      }
    }
  }

  public void stop() {
    hubs.values().forEach(ClusterHub::stop);
  }

  Codec codec() {
    return codec;
  }

  StreamLimits limits() {
    return limits;
  }

  StreamMetrics metrics() {
    return metrics;
  }

  void add(ClientSession session) {
    sessions.add(session);
    metrics.clientConnected(1);
  }

  void remove(ClientSession session) {
    if (sessions.remove(session)) {
      metrics.clientConnected(-1);
    }
  }

  /** The session's {@code hello}: the clusters its user may see, each with what it may subscribe to. */
  Hello hello(ClientSession session) {
    Instant now = clock.instant();
    List<ClusterInfo> clusters = new ArrayList<>();
    for (ClusterHub hub : hubs.values()) {
      ClusterAccess access = resolver.accessFor(session.user(), hub.cluster(), now);
      // A cluster whose access opens later by schedule is listed too, so the user's IDE can ask
      // and be told "no access at this time" rather than that the cluster does not exist.
      if (access.mayViewCluster() || access.opensLater()) {
        ClusterLink.Status status = hub.link().status();
        List<ResourceName> resources = new ArrayList<>();
        for (ResourceName resource : status.resources()) {
          if (access.maySubscribe(resource)) {
            resources.add(resource);
          }
        }
        long version = status.epoch() == null ? 0 : status.version();
        clusters.add(new ClusterInfo(
            hub.cluster(), status.connected(), status.epoch(), Version.of(version), resources));
      }
    }
    return new Hello(session.user(), false, clusters);
  }

  /** Sends a cluster's status to every stream whose user may see that cluster. */
  void broadcast(ClusterId cluster, OutboundMessage status) {
    Instant now = clock.instant();
    for (ClientSession session : sessions) {
      ClusterAccess access = resolver.accessFor(session.user(), cluster, now);
      if (access.mayViewCluster() || access.opensLater()) {
        session.outbox().send(cluster, status);
      }
    }
  }
}
