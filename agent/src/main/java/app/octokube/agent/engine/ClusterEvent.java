package app.octokube.agent.engine;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.util.List;
import java.util.Objects;

/**
 * What a watcher tells the queue. Objects arrive already projected: projecting is a pure function
 * of one object, so it runs on the watcher's thread and the queue only compares and stores.
 */
public sealed interface ClusterEvent {

  ResourceName resource();

  /** An object was added or modified; it now looks like {@code projection}. */
  record Upserted(Projection projection) implements ClusterEvent {
    public Upserted {
      Objects.requireNonNull(projection, "projection");
    }

    @Override
    public ResourceName resource() {
      return projection.resource();
    }
  }

  /** An object was deleted. Deleting an object the state does not hold changes nothing. */
  record Deleted(ResourceName resource, ObjectKey key) implements ClusterEvent {
    public Deleted {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * A full list of one resource type: the authoritative content of that type from now on. Objects
   * absent from it are deleted, unchanged ones produce nothing, and the whole list lands in one
   * version. The first list of a type also starts tracking it.
   */
  record Relisted(ResourceName resource, List<Projection> objects) implements ClusterEvent {
    public Relisted {
      Objects.requireNonNull(resource, "resource");
      objects = List.copyOf(objects);
      for (Projection p : objects) {
        if (!p.resource().equals(resource)) {
          throw new IllegalArgumentException("a relist of " + resource + " holds a " + p.resource());
        }
      }
    }
  }

  /** A resource type is no longer served (its CRD went away): its objects are deleted. */
  record ResourceRemoved(ResourceName resource) implements ClusterEvent {
    public ResourceRemoved {
      Objects.requireNonNull(resource, "resource");
    }
  }
}
