package app.octokube.agent.watch;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads from a CustomResourceDefinition (apiextensions.k8s.io/v1) which version of its resource
 * to watch, if any. Pure: no I/O, no state.
 *
 * <p>A CRD is watched when its {@code Established} condition is {@code True} and one of its
 * versions is served. The storage version is preferred when served: it is what etcd holds, so
 * reading it costs the apiserver no conversion (and no conversion webhook call); otherwise the
 * first served version in the CRD's own order.
 */
final class CrdServing {

  private CrdServing() {}

  /** The target to watch for {@code crd}, or empty if it is not established or serves nothing. */
  static Optional<WatchTarget> servedTarget(GenericKubernetesResource crd) {
    Map<String, Object> root = crd.getAdditionalProperties();
    Map<String, Object> spec = map(root.get("spec"));
    Map<String, Object> names = map(spec.get("names"));
    String group = string(spec.get("group"));
    String plural = string(names.get("plural"));
    String kind = string(names.get("kind"));
    String version = chosenVersion(spec.get("versions"));
    if (group == null || plural == null || kind == null || version == null || !established(root)) {
      return Optional.empty();
    }
    try {
      ResourceName resource = ResourceName.of(plural, group);
      return Optional.of(WatchTarget.of(resource, version, kind, "Namespaced".equals(spec.get("scope"))));
    } catch (IllegalArgumentException e) {
      // The apiserver validates these names, so this is a malformed object: nothing to watch.
      return Optional.empty();
    }
  }

  private static String chosenVersion(Object versions) {
    String firstServed = null;
    for (Object v : list(versions)) {
      Map<String, Object> version = map(v);
      String name = string(version.get("name"));
      if (name == null || !Boolean.TRUE.equals(version.get("served"))) {
        continue;
      }
      if (Boolean.TRUE.equals(version.get("storage"))) {
        return name;
      }
      if (firstServed == null) {
        firstServed = name;
      }
    }
    return firstServed;
  }

  private static boolean established(Map<String, Object> root) {
    Map<String, Object> status = map(root.get("status"));
    for (Object c : list(status.get("conditions"))) {
      Map<String, Object> condition = map(c);
      if ("Established".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static String string(Object value) {
    return value instanceof String s && !s.isEmpty() ? s : null;
  }
}
