package app.octokube.agent.watch;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Reduces one watched object to its {@link Projection}. The Agent passes its projector registry
 * here; the watchers only need this one call.
 *
 * <p>Called on watcher threads, concurrently for different types: implementations must be
 * thread-safe. The same object content must always give the same bytes, since "nothing changed"
 * is a byte comparison in the hot state.
 */
@FunctionalInterface
public interface ObjectProjector {

  /**
   * @throws IllegalArgumentException if the object cannot be projected (no name, a namespace
   *     that contradicts the type's scope); the watcher skips that object and says so
   */
  Projection project(ResourceName resource, GenericKubernetesResource object);
}
