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
import java.util.Iterator;
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

  /**
   * Subscribers that get the same changes. Groups outlive a version: each subscriber remembers its
   * group ({@link Subscriber#fanoutGroup}) and finds it again without hashing its access class,
   * whose equality is deep, as long as its access and resources are the same objects as when it
   * joined. Members are only held during one {@link #fanOut}.
   */
  static final class Group {
    private final ClusterAccess access;
    private final Set<ResourceName> resources;
    private final List<Subscriber> members = new ArrayList<>();
    private long round = -1;
    private boolean retired;

    Group(ClusterAccess access, Set<ResourceName> resources) {
      this.access = access;
      this.resources = resources;
    }
  }

  private final ClusterId cluster;
  private final Codec codec;
  private final boolean encodePerClient;
  private final Map<GroupKey, Group> groups = new HashMap<>();
  private final List<Group> active = new ArrayList<>();
  private long rounds;

  DeltaFanout(ClusterId cluster, Codec codec, boolean encodePerClient) {
    this.cluster = cluster;
    this.codec = codec;
    this.encodePerClient = encodePerClient;
  }

  /** Delivers {@code delta} to each subscriber; returns how many change payloads were encoded. */
  int fanOut(AgentDelta delta, Epoch epoch, Collection<Subscriber> subscribers) {
    long version = delta.version().value();
    long round = ++rounds;
    try {
      for (Subscriber subscriber : subscribers) {
        Set<ResourceName> resources = subscriber.relevantFor(version, epoch);
        if (resources != null) {
          Group group = groupOf(subscriber, subscriber.access(), resources);
          if (group.round != round) {
            group.round = round;
            active.add(group);
          }
          group.members.add(subscriber);
        }
      }
      int encoded = 0;
      for (Group group : active) {
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
    } finally {
      for (Group group : active) {
        group.members.clear();
      }
      retireIdle(round);
      active.clear();
    }
  }

  /** The subscriber's group: the one it had, while its access and resources stay the same objects. */
  private Group groupOf(Subscriber subscriber, ClusterAccess access, Set<ResourceName> resources) {
    Group group = subscriber.fanoutGroup;
    if (group != null && !group.retired && subscriber.fanoutAccess == access
        && subscriber.fanoutResources == resources) {
      return group;
    }
    // The subscriber itself (equal only to itself) makes a group of one.
    Object accessClass = encodePerClient ? subscriber : access.accessClass();
    group = groups.computeIfAbsent(new GroupKey(accessClass, resources), key -> new Group(access, resources));
    subscriber.fanoutGroup = group;
    subscriber.fanoutAccess = access;
    subscriber.fanoutResources = resources;
    return group;
  }

  /**
   * Forgets groups no subscriber used this round once they outnumber the used ones: subscribers
   * that left, or whose access or resources changed, leave no garbage behind for long.
   */
  private void retireIdle(long round) {
    if (groups.size() <= 2 * active.size() + 16) {
      return;
    }
    Iterator<Group> all = groups.values().iterator();
    while (all.hasNext()) {
      Group group = all.next();
      if (group.round != round) {
        group.retired = true;
        all.remove();
      }
    }
  }
}
