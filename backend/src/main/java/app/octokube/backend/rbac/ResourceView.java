package app.octokube.backend.rbac;

import java.util.Map;

/**
 * The view decisions of one {@link Access} for one resource, with only the rules that can concern
 * that resource: the Backend can keep one per subscription and call it for every change and every
 * snapshot item. Immutable; deciding allocates nothing.
 *
 * <p>An object is viewable when no deny matches it and an allow does. A Namespace object
 * ({@code namespaces}, cluster-scoped, keyed by its name) is also viewable when the user
 * {@linkplain Access#maySeeInto may see into} that namespace, unless a deny matches the Namespace
 * object itself.
 */
public final class ResourceView {
  private final Access access;
  private final String resource;
  private final boolean namespaceObjects;
  private final Rule[] allows;
  private final Rule[] denies;
  private final boolean maySubscribe;

  ResourceView(Access access, String resource, Rule[] allows, Rule[] denies) {
    this.access = access;
    this.resource = resource;
    this.namespaceObjects = Access.NAMESPACES.equals(resource);
    this.allows = allows;
    this.denies = denies;
    this.maySubscribe = computeMaySubscribe();
  }

  public String resource() {
    return resource;
  }

  /**
   * Whether the user may see this object.
   *
   * @param namespace the object's namespace, or null when it is cluster-scoped
   * @param labels the object's labels; null means none
   */
  public boolean mayView(String namespace, String name, Map<String, String> labels) {
    for (Rule deny : denies) {
      if (deny.matchesObject(namespace, name, labels)) {
        return false;
      }
    }
    for (Rule allow : allows) {
      if (allow.matchesObject(namespace, name, labels)) {
        return true;
      }
    }
    return namespaceObjects && namespace == null && access.maySeeInto(name);
  }

  /**
   * Whether some object of this resource could be viewable: an allow reaches the resource (or, for
   * Namespace objects, any allow exists) and no deny hides the resource everywhere. A subscribe is
   * refused as forbidden when this is false. It may be true while no object is viewable yet, which
   * only gives an empty snapshot.
   */
  public boolean maySubscribe() {
    return maySubscribe;
  }

  private boolean computeMaySubscribe() {
    for (Rule deny : denies) {
      if (deny.isUnconditional()) {
        return false;
      }
    }
    return allows.length > 0 || (namespaceObjects && access.grantsAnyView());
  }

  @Override
  public String toString() {
    return "ResourceView[" + resource + ", " + allows.length + " allows, " + denies.length + " denies]";
  }
}
