package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientRequest;
import app.octokube.protocol.client.ErrorCode;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Resync;
import app.octokube.protocol.client.Unsubscribe;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client stream of one authenticated user: its requests go to the hubs of the clusters they
 * name, and everything it is sent goes through its {@link ClientOutbox}.
 *
 * <p>Requests come from the connection's event loop, in order; a hub answers on its own owner
 * context. The set of subscriptions held here only counts them against
 * {@link StreamLimits#maxSubscriptionsPerConnection()}; the hubs hold the subscriptions themselves.
 */
public final class ClientSession {
  private static final AtomicLong IDS = new AtomicLong();

  private record Key(ClusterId cluster, ResourceName resource) {}

  private final long id = IDS.incrementAndGet();
  private final String user;
  private final ClusterRegistry registry;
  private final ClientOutbox outbox;
  private final Set<Key> subscriptions = ConcurrentHashMap.newKeySet();

  ClientSession(String user, MessageSink sink, ClusterRegistry registry) {
    this.user = Objects.requireNonNull(user, "user");
    this.registry = registry;
    this.outbox = new ClientOutbox(sink, registry.codec(), registry.limits(), registry.metrics(),
        this::repaired, System::nanoTime);
  }

  /** The answer to a subscription to a cluster that does not exist or that the user may not see. */
  static ErrorMessage unknownCluster(ClusterId cluster, ResourceName resource) {
    return new ErrorMessage(ErrorCode.UNKNOWN_CLUSTER, "no cluster " + cluster + " is known", cluster, resource);
  }

  public String user() {
    return user;
  }

  /** A number for log lines; says nothing about the user. */
  public long id() {
    return id;
  }

  public ClientOutbox outbox() {
    return outbox;
  }

  /** Joins the registry and sends {@code hello}; from then on cluster status messages follow. */
  public void start() {
    registry.add(this);
    outbox.open(WireFrames.encode(registry.codec(), registry.hello(this)));
  }

  /** A request from the client, decoded; runs on the connection's event loop. */
  public void handle(ClientRequest request) {
    ClusterHub hub = registry.hub(request.cluster());
    Key key = new Key(request.cluster(), request.resource());
    if (request instanceof Unsubscribe) {
      if (subscriptions.remove(key)) {
        registry.metrics().subscriptions(-1);
      }
      if (hub != null) {
        hub.unsubscribe(this, request.resource());
      }
      return;
    }
    if (hub == null) {
      error(unknownCluster(request.cluster(), request.resource()));
      return;
    }
    if (!subscriptions.contains(key)) {
      if (subscriptions.size() >= registry.limits().maxSubscriptionsPerConnection()) {
        error(new ErrorMessage(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "this stream already holds "
            + subscriptions.size() + " subscriptions", request.cluster(), request.resource()));
        return;
      }
      if (subscriptions.add(key)) {
        registry.metrics().subscriptions(1);
      }
    }
    hub.subscribe(this, request.resource(), request instanceof Resync);
  }

  /** Sends an error that concerns the connection or a request that never became a subscription. */
  public void error(ErrorMessage error) {
    outbox.send(error.cluster(), WireFrames.encode(registry.codec(), error));
  }

  /** A hub ended or refused a subscription; the client hears why. Callable from any thread. */
  void ended(ClusterId cluster, ResourceName resource, ErrorMessage error) {
    if (subscriptions.remove(new Key(cluster, resource))) {
      registry.metrics().subscriptions(-1);
    }
    error(error);
  }

  /** Closes the stream with {@code code}. */
  public void close(CloseCode code) {
    outbox.close(code);
  }

  /** The connection closed: leave the registry and every hub. */
  public void closed() {
    outbox.connectionClosed();
    registry.remove(this);
    registry.metrics().subscriptions(-subscriptions.size());
    subscriptions.clear();
    for (ClusterHub hub : registry.hubs()) {
      hub.sessionClosed(this);
    }
  }

  private void repaired(Set<ClusterId> clusters) {
    for (ClusterId cluster : clusters) {
      ClusterHub hub = registry.hub(cluster);
      if (hub != null) {
        hub.repair(this);
      }
    }
  }
}
