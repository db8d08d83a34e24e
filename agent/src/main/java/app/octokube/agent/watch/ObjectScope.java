package app.octokube.agent.watch;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Which objects of one type the Agent enqueues, by namespace. Namespaced objects pass when their
 * namespace passes the filter; Namespace objects when their own name does, so an excluded
 * namespace does not show up empty; other cluster-scoped objects always pass.
 *
 * <p>Immutable and thread-safe.
 */
final class ObjectScope {
  private static final ResourceName NAMESPACES = ResourceName.of("namespaces");

  private final NameFilter namespaces;
  private final boolean namespaceType;

  ObjectScope(ResourceName resource, NameFilter namespaces) {
    this.namespaces = namespaces;
    this.namespaceType = resource.equals(NAMESPACES);
  }

  boolean accepts(GenericKubernetesResource object) {
    if (namespaces.acceptsEverything()) {
      return true;
    }
    ObjectMeta meta = object.getMetadata();
    if (meta == null) {
      return true;
    }
    String namespace = meta.getNamespace();
    if (namespace != null && !namespace.isEmpty()) {
      return namespaces.accepts(namespace);
    }
    return !namespaceType || meta.getName() == null || namespaces.accepts(meta.getName());
  }

  /**
   * The key of an object as the hot state knows it: {@code namespace/name}, or {@code name}.
   * Projectors derive keys by the same rule; deletes use this one so that a delete never costs a
   * projection.
   *
   * @throws IllegalArgumentException if the object has no name
   */
  static ObjectKey keyOf(GenericKubernetesResource object) {
    ObjectMeta meta = object.getMetadata();
    if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
      throw new IllegalArgumentException("object has no metadata.name");
    }
    return ObjectKey.of(meta.getNamespace(), meta.getName());
  }
}
