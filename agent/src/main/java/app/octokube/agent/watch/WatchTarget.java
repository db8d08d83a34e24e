package app.octokube.agent.watch;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Objects;

/**
 * One resource type to watch, and how the apiserver addresses it.
 *
 * @param resource the kubectl name, e.g. {@code deployments.apps}
 * @param group the API group, empty for the core group; always {@code resource.group()}
 * @param version the API version to list and watch, e.g. {@code v1}
 * @param kind the object kind, e.g. {@code Deployment}; list items often omit it, and the
 *     watcher fills it in so that a listed object projects exactly like a watched one
 * @param plural the URL segment; always {@code resource.plural()}
 * @param namespaced whether objects live in namespaces
 */
public record WatchTarget(
    ResourceName resource, String group, String version, String kind, String plural, boolean namespaced) {

  /** The definitions of custom resources: watching them is what discovers CRDs. */
  public static final WatchTarget CUSTOM_RESOURCE_DEFINITIONS = of(
      ResourceName.of("customresourcedefinitions.apiextensions.k8s.io"), "v1",
      "CustomResourceDefinition", false);

  public WatchTarget {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(plural, "plural");
    if (version == null || version.isEmpty() || kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException(resource + ": version and kind are required");
    }
    if (!group.equals(resource.group()) || !plural.equals(resource.plural())) {
      throw new IllegalArgumentException(
          resource + " does not name plural " + plural + " in group \"" + group + "\"");
    }
  }

  /** A target whose group and plural are those of {@code resource}. */
  public static WatchTarget of(ResourceName resource, String version, String kind, boolean namespaced) {
    return new WatchTarget(resource, resource.group(), version, kind, resource.plural(), namespaced);
  }

  /** {@code group/version}, or {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * Items of a list response usually carry no apiVersion or kind, while watch events do; this
   * sets them when missing, so that a listed object projects to the same bytes as the same
   * object watched, or every relist would look like a change.
   */
  void fillTypeMeta(GenericKubernetesResource object) {
    if (object.getApiVersion() == null || object.getApiVersion().isEmpty()) {
      object.setApiVersion(apiVersion());
    }
    if (object.getKind() == null || object.getKind().isEmpty()) {
      object.setKind(kind);
    }
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  @Override
  public String toString() {
    return resource + " (" + apiVersion() + ")";
  }
}
