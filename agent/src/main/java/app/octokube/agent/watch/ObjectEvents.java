package app.octokube.agent.watch;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.projection.Projection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the objects of one resource type, listed or watched, into what the queue takes: only
 * those in the namespace scope, projected, with the type's apiVersion and kind filled in when
 * the apiserver left them out (so a listed object projects to the same bytes as the same object
 * watched, or every relist would look like a change).
 *
 * <p>An object the projector refuses is skipped with a warning: one malformed object must not
 * keep its whole type out of the hot state. Immutable and thread-safe if the projector is.
 */
final class ObjectEvents {
  private static final Logger log = LoggerFactory.getLogger(ObjectEvents.class);

  private final WatchTarget target;
  private final ObjectProjector projector;
  private final ObjectScope scope;

  ObjectEvents(WatchTarget target, ObjectProjector projector, ObjectScope scope) {
    this.target = target;
    this.projector = projector;
    this.scope = scope;
  }

  /** The projection of a listed or added object, or null if it is out of scope or refused. */
  Projection projection(GenericKubernetesResource object) {
    target.fillTypeMeta(object);
    if (!scope.accepts(object)) {
      return null;
    }
    try {
      return projector.project(target.resource(), object);
    } catch (IllegalArgumentException e) {
      // Skipped on purpose: see the class Javadoc.
      log.warn("skipping an object of {} that cannot be projected: {}", target.resource(), e.getMessage());
      return null;
    }
  }

  /** The event for an added or modified object, or null if it is out of scope or refused. */
  ClusterEvent upserted(GenericKubernetesResource object) {
    Projection projection = projection(object);
    return projection == null ? null : new ClusterEvent.Upserted(projection);
  }

  /** The event for a deleted object, or null if it is out of scope. Costs no projection. */
  ClusterEvent deleted(GenericKubernetesResource object) {
    if (!scope.accepts(object)) {
      return null;
    }
    try {
      return new ClusterEvent.Deleted(target.resource(), ObjectScope.keyOf(object));
    } catch (IllegalArgumentException e) {
      // A delete without a name identifies nothing the hot state could hold.
      log.warn("skipping a delete of {} without a name", target.resource());
      return null;
    }
  }
}
