package app.octokube.agent.engine;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.Change;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Agent's materialized view of the cluster: resource type → object key → projection.
 *
 * <p>Plain code with no threads and no I/O. It is not thread-safe: {@link ExecutionQueue} owns the
 * one instance of a running Agent and is the only caller.
 *
 * <p>{@link #apply} turns a batch of events into the batch's <em>net</em> changes: at most one
 * change per object, comparing the object before the batch with the object after it. So an object
 * created and deleted within one batch costs nothing, and the changes do not depend on how the
 * events were split into batches — only on where the batch boundaries fall.
 *
 * <p>A type is tracked from its first {@link ClusterEvent.Relisted} until its
 * {@link ClusterEvent.ResourceRemoved}; events about an untracked type are ignored and counted.
 */
public final class HotState {
  private final Map<ResourceName, Map<ObjectKey, Projection>> byResource = new HashMap<>();
  private int objectCount;

  /**
   * The result of applying one batch.
   *
   * @param changes the net changes, in the order objects were first touched
   * @param resourcesChanged whether a type started or stopped being tracked
   * @param ignored events about a type that is not tracked (a watcher must list before it
   *     watches, so these are a watcher's mistake, reported rather than guessed at)
   */
  public record BatchResult(List<Change> changes, boolean resourcesChanged, int ignored) {}

  /**
   * Applies the events in order and returns the net changes, in the order the objects were first
   * touched in the batch.
   */
  public BatchResult apply(List<ClusterEvent> batch) {
    Touched touched = new Touched();
    boolean resourcesChanged = false;
    int ignored = 0;
    for (ClusterEvent event : batch) {
      if (!(event instanceof ClusterEvent.Relisted) && !byResource.containsKey(event.resource())) {
        ignored++;
      } else {
        resourcesChanged |= applyOne(event, touched);
      }
    }
    return new BatchResult(touched.netChanges(), resourcesChanged, ignored);
  }

  private boolean applyOne(ClusterEvent event, Touched touched) {
    if (event instanceof ClusterEvent.Upserted upserted) {
      Projection p = upserted.projection();
      put(byResource.get(p.resource()), p, touched);
      return false;
    } else if (event instanceof ClusterEvent.Deleted deleted) {
      remove(byResource.get(deleted.resource()), deleted.resource(), deleted.key(), touched);
      return false;
    } else if (event instanceof ClusterEvent.Relisted relisted) {
      return relist(relisted, touched);
    } else {
      ClusterEvent.ResourceRemoved removed = (ClusterEvent.ResourceRemoved) event;
      Map<ObjectKey, Projection> objects = byResource.remove(removed.resource());
      if (objects == null) {
        return false;
      }
      for (Projection p : objects.values()) {
        touched.before(p.resource(), p.key(), p);
      }
      objectCount -= objects.size();
      return true;
    }
  }

  /**
   * Reconciles a type with its full list. The first list of a type starts tracking it without
   * producing changes: nobody can hold objects of a type before it is tracked, so its first
   * content reaches clients through snapshots, and one huge initial list never becomes one huge
   * delta.
   */
  private boolean relist(ClusterEvent.Relisted relisted, Touched touched) {
    if (!byResource.containsKey(relisted.resource())) {
      Map<ObjectKey, Projection> objects = new HashMap<>(relisted.objects().size() * 2);
      for (Projection p : relisted.objects()) {
        objects.put(p.key(), p);
      }
      byResource.put(relisted.resource(), objects);
      objectCount += objects.size();
      return true;
    }
    Map<ObjectKey, Projection> objects = byResource.get(relisted.resource());
    Set<ObjectKey> listed = new HashSet<>(relisted.objects().size() * 2);
    for (Projection p : relisted.objects()) {
      listed.add(p.key());
    }
    List<ObjectKey> vanished = new ArrayList<>();
    for (ObjectKey key : objects.keySet()) {
      if (!listed.contains(key)) {
        vanished.add(key);
      }
    }
    for (ObjectKey key : vanished) {
      remove(objects, relisted.resource(), key, touched);
    }
    for (Projection p : relisted.objects()) {
      put(objects, p, touched);
    }
    return false;
  }

  private void put(Map<ObjectKey, Projection> objects, Projection p, Touched touched) {
    Projection old = objects.put(p.key(), p);
    touched.before(p.resource(), p.key(), old);
    if (old == null) {
      objectCount++;
    }
  }

  private void remove(
      Map<ObjectKey, Projection> objects, ResourceName resource, ObjectKey key, Touched touched) {
    Projection old = objects.remove(key);
    if (old != null) {
      touched.before(resource, key, old);
      objectCount--;
    }
  }

  /** The object as it is now, or null. */
  public Projection get(ResourceName resource, ObjectKey key) {
    Map<ObjectKey, Projection> objects = byResource.get(resource);
    return objects == null ? null : objects.get(key);
  }

  /** A copy of one type's objects, in no particular order; empty for an untracked type. */
  public List<Projection> objects(ResourceName resource) {
    Map<ObjectKey, Projection> objects = byResource.get(resource);
    return objects == null ? List.of() : new ArrayList<>(objects.values());
  }

  public boolean tracks(ResourceName resource) {
    return byResource.containsKey(resource);
  }

  /** The tracked types, sorted by name. */
  public Set<ResourceName> resources() {
    TreeSet<ResourceName> sorted = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    sorted.addAll(byResource.keySet());
    return Collections.unmodifiableSet(sorted);
  }

  /** Objects held across all types. */
  public int size() {
    return objectCount;
  }

  /**
   * Each object's state before the batch, recorded at its first touch. Comparing it with the state
   * after the batch gives the net change.
   */
  private final class Touched {
    private record Slot(ResourceName resource, ObjectKey key) {}

    private static final Object ABSENT = new Object();

    /**
     * Insertion order is first-touch order; the value is the projection before the batch, or
     * {@link #ABSENT}: not null, which putIfAbsent would take for "not recorded yet".
     */
    private final LinkedHashMap<Slot, Object> before = new LinkedHashMap<>();

    void before(ResourceName resource, ObjectKey key, Projection old) {
      // One lookup per touch: this runs for every event.
      before.putIfAbsent(new Slot(resource, key), old == null ? ABSENT : old);
    }

    List<Change> netChanges() {
      List<Change> changes = new ArrayList<>(before.size());
      for (Map.Entry<Slot, Object> entry : before.entrySet()) {
        Slot slot = entry.getKey();
        Projection old = entry.getValue() == ABSENT ? null : (Projection) entry.getValue();
        Projection now = get(slot.resource(), slot.key());
        Change change = netChange(slot.resource(), slot.key(), old, now);
        if (change != null) {
          changes.add(change);
        }
      }
      return changes;
    }
  }

  private static Change netChange(ResourceName resource, ObjectKey key, Projection old, Projection now) {
    if (now == null) {
      return old == null ? null : Change.delete(resource, key, old.labels());
    }
    if (now.sameAs(old)) {
      return null;
    }
    Change.Previous previous = old == null ? null : new Change.Previous(old.labels());
    return Change.upsert(resource, key, now.labels(), now.json(), previous);
  }
}
