package app.octokube.agent.projection;

import app.octokube.protocol.ResourceName;
import java.util.List;
import java.util.Objects;

/**
 * A built-in kind the Agent watches: how to address it and what its projection keeps.
 *
 * @param resource the kubectl name, e.g. {@code deployments.apps}
 * @param apiVersion {@code group/version}, or {@code version} for the core group
 * @param kind the object kind, e.g. {@code Deployment}
 * @param namespaced whether objects live in a namespace (their key is then {@code ns/name})
 * @param paths the fields kept beyond metadata, in output order, in the {@link Selection} language
 */
public record BuiltinResource(
    ResourceName resource, String apiVersion, String kind, boolean namespaced, List<String> paths) {

  public BuiltinResource {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(paths);
    int slash = apiVersion.indexOf('/');
    String apiGroup = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (!apiGroup.equals(resource.group())) {
      throw new IllegalArgumentException(resource + " is not in the API group of " + apiVersion);
    }
  }

  /** The API group, empty for the core group. */
  public String group() {
    return resource.group();
  }

  /** The API version within the group, e.g. {@code v1}. */
  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }
}
