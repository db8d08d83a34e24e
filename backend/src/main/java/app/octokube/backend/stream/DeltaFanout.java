package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.link.AgentDelta;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends one Agent version to every subscriber of a cluster, filtering and encoding once per group
 * of subscribers that would get the same changes: same access class, same set of resources to
 * carry. Within a group only the small envelope differs per client ({@code from} depends on what
 * that client was sent before); the encoded changes are one shared buffer, written as it is to
 * every socket, as Netty's channel groups share one payload. Runs on the hub's owner context.
 *
 * <p>With {@code encodePerClient} (a benchmark's baseline, {@link StreamLimits.Baseline}) every
 * subscriber is a group of its own: each delta is filtered and encoded once per client.
 */
final class DeltaFanout {
  private record GroupKey(Object accessClass, Set<ResourceName> resources) {}

  private static final class Group {
    private final ClusterAccess access;
    private final Set<ResourceName> resources;
    private final List<Subscriber> members = new ArrayList<>();

    Group(ClusterAccess access, Set<ResourceName> resources) {
      this.access = access;
      this.resources = resources;
    }
  }

  private final ClusterId cluster;
  private final Codec codec;
  private final boolean encodePerClient;

  DeltaFanout(ClusterId cluster, Codec codec, boolean encodePerClient) {
    this.cluster = cluster;
    this.codec = codec;
    this.encodePerClient = encodePerClient;
  }

  /** Delivers {@code delta} to each subscriber; returns how many change payloads were encoded. */
  int fanOut(AgentDelta delta, Epoch epoch, Collection<Subscriber> subscribers) {
    long version = delta.version().value();
    Map<GroupKey, Group> groups = new HashMap<>();
    for (Subscriber subscriber : subscribers) {
      Set<ResourceName> resources = subscriber.relevantFor(version, epoch);
      if (resources != null) {
        ClusterAccess access = subscriber.access();
        // The subscriber itself (equal only to itself) makes a group of one.
        Object accessClass = encodePerClient ? subscriber : access.accessClass();
        groups.computeIfAbsent(new GroupKey(accessClass, resources), key -> new Group(access, resources))
            .members.add(subscriber);
      }
    }
    int encoded = 0;
    for (Group group : groups.values()) {
      List<ClientChange> changes = ChangeFilter.visible(delta.changes(), group.resources, group.access);
      Buffer body = null;
      if (!changes.isEmpty()) {
        body = WireFrames.changesBody(codec, cluster, epoch, changes);
        encoded++;
      }
      for (Subscriber member : group.members) {
        member.deliver(version, epoch, changes, body);
      }
    }
    return encoded;
  }
}
