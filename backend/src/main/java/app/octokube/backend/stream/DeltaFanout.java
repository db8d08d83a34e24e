package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends one Agent version to the subscribers of a cluster, filtering and encoding once per group
 * of subscribers that would get the same changes: same access class, same set of resources to
 * carry. Within a group only the small envelope differs per client ({@code from} depends on what
 * that client was sent before); the encoded changes are one shared buffer, written as it is to
 * every socket, as Netty's channel groups share one payload. Runs on the hub's owner context.
 *
 * <p><b>Settled subscribers are not visited for versions that are not theirs.</b> Most of the
 * time a subscriber is <em>settled</em>: every subscription live, none ahead of what it was sent,
 * so every version concerns the same resources and it stays in the same group. A settled
 * subscriber waits in its group, and a version visits only the groups that carry one of its
 * resources, and of those only the members of groups that see a change: with twenty teams, a
 * change in one team's namespace costs one team's deliveries, not a look at every client. The
 * versions a settled subscriber was not visited for are exactly those up to {@link #version()},
 * which is therefore its {@code seenTo} (see {@link Subscriber}); its idle flush sends them.
 * Everything else, a subscriber awaiting a snapshot, ahead of its range, stale or just changed,
 * is <em>unsettled</em> and visited on every version, as {@link Subscriber#relevantFor} needs;
 * any change to its subscriptions or access unsettles a subscriber first ({@link #unsettle}).
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
   * joined.
   */
  static final class Group {
    private final ClusterAccess access;
    private final Set<ResourceName> resources;
    /** Unsettled subscribers visited for the version in hand; cleared after it. */
    private final List<Subscriber> visited = new ArrayList<>();
    /** Settled subscribers; each knows its index ({@link Subscriber#settledIndex}). */
    private final List<Subscriber> settled = new ArrayList<>();
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
  /** The groups with settled members, by each resource they carry. */
  private final Map<ResourceName, List<Group>> settledGroups = new HashMap<>();
  private int groupsWithSettled;
  private final Set<Subscriber> unsettled = new LinkedHashSet<>();
  private final List<Group> active = new ArrayList<>();
  private long rounds;
  private long version;
  private long visits;

  DeltaFanout(ClusterId cluster, Codec codec, boolean encodePerClient) {
    this.cluster = cluster;
    this.codec = codec;
    this.encodePerClient = encodePerClient;
  }

  /** The last version fanned out: what every settled subscriber has seen. */
  long version() {
    return version;
  }

  /** How many times a subscriber was visited for a version, over all versions. */
  long visits() {
    return visits;
  }

  /** A new subscriber: visited on every version until it settles. */
  void join(Subscriber subscriber) {
    unsettled.add(subscriber);
  }

  /** A subscriber leaves the hub: it is visited no more, whatever happens to it later. */
  void leave(Subscriber subscriber) {
    unsettle(subscriber);
    unsettled.remove(subscriber);
    subscriber.left = true;
  }

  /**
   * Its subscriptions or access are about to change: from now on the subscriber is visited on
   * every version again, with the versions it skipped counted as seen. While {@link #fanOut}
   * sends to a group's settled members, only the member being sent to may leave them.
   */
  void unsettle(Subscriber subscriber) {
    Group group = subscriber.settledIn;
    if (group == null || subscriber.left) {
      return;
    }
    subscriber.caughtUp(version);
    subscriber.settledIn = null;
    List<Subscriber> members = group.settled;
    Subscriber last = members.remove(members.size() - 1);
    if (last != subscriber) {
      members.set(subscriber.settledIndex, last);
      last.settledIndex = subscriber.settledIndex;
    }
    if (members.isEmpty()) {
      for (ResourceName resource : group.resources) {
        List<Group> carrying = settledGroups.get(resource);
        carrying.remove(group);
        if (carrying.isEmpty()) {
          settledGroups.remove(resource);
        }
      }
      groupsWithSettled--;
    }
    unsettled.add(subscriber);
  }

  /** Delivers {@code delta} to each subscriber it concerns; returns how many change payloads were encoded. */
  int fanOut(AgentDelta delta, Epoch epoch) {
    long v = delta.version().value();
    long round = ++rounds;
    try {
      for (Subscriber subscriber : unsettled) {
        visits++;
        Set<ResourceName> resources = subscriber.relevantFor(v, epoch);
        if (resources != null) {
          Group group = groupOf(subscriber, subscriber.access(), resources);
          activate(group, round);
          group.visited.add(subscriber);
        }
      }
      activateSettled(delta.changes(), round);
      int encoded = 0;
      for (Group group : active) {
        List<ClientChange> changes = ChangeFilter.visible(delta.changes(), group.resources, group.access);
        Buffer body = null;
        if (!changes.isEmpty()) {
          body = WireFrames.changesBody(codec, cluster, epoch, changes);
          encoded++;
          // Backwards: a member whose buffer overflows leaves the settled ones as it is sent to,
          // and unsettle moves the last member, one already sent to, into its place.
          List<Subscriber> members = group.settled;
          visits += members.size();
          for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).deliver(v, epoch, changes, body);
          }
        }
        for (Subscriber member : group.visited) {
          member.deliver(v, epoch, changes, body);
        }
      }
      return encoded;
    } finally {
      version = v;
      for (Group group : active) {
        for (Subscriber member : group.visited) {
          if (!member.left && member.settledIn == null && member.fanoutGroup == group && member.isSettled()) {
            settle(member, group);
          }
        }
        group.visited.clear();
      }
      retireIdle(round);
      active.clear();
    }
  }

  private void activate(Group group, long round) {
    if (group.round != round) {
      group.round = round;
      active.add(group);
    }
  }

  /** Activates the groups of settled subscribers that carry a resource {@code changes} touch. */
  private void activateSettled(List<Change> changes, long round) {
    if (settledGroups.isEmpty()) {
      return;
    }
    ResourceName previous = null;
    for (Change change : changes) {
      ResourceName resource = change.resource();
      if (!resource.equals(previous)) {
        previous = resource;
        List<Group> carrying = settledGroups.get(resource);
        if (carrying != null) {
          for (Group group : carrying) {
            activate(group, round);
          }
        }
      }
    }
  }

  private void settle(Subscriber subscriber, Group group) {
    unsettled.remove(subscriber);
    subscriber.settledIn = group;
    subscriber.settledIndex = group.settled.size();
    group.settled.add(subscriber);
    if (group.settled.size() == 1) {
      for (ResourceName resource : group.resources) {
        settledGroups.computeIfAbsent(resource, r -> new ArrayList<>()).add(group);
      }
      groupsWithSettled++;
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
   * Forgets groups that have no settled member and no visited one this round, once they
   * outnumber the others: subscribers that left, or whose access or resources changed, leave no
   * garbage behind for long.
   */
  private void retireIdle(long round) {
    if (groups.size() <= 2 * (active.size() + groupsWithSettled) + 16) {
      return;
    }
    Iterator<Group> all = groups.values().iterator();
    while (all.hasNext()) {
      Group group = all.next();
      if (group.round != round && group.settled.isEmpty()) {
        group.retired = true;
        all.remove();
      }
    }
  }
}
