package app.octokube.backend.rbac;

import app.octokube.protocol.ResourceName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a literal resource of a rule, so that the commonest slips are errors instead of rules
 * that silently match nothing: a singular or short name ({@code pod}, {@code deploy}) or a
 * grouped resource written without its group ({@code deployments} for {@code deployments.apps}).
 *
 * <p>The check is exact for names without a dot, because only the core group has no suffix in
 * kubectl form, and the core group's resources are a fixed list (the v1 API has not gained a
 * resource in years). Names with a dot belong to a group, possibly a CRD's, and are checked only
 * for their form.
 */
final class ResourceNames {
  /** The core (v1) resources in kubectl form. */
  static final Set<String> CORE = Set.of(
      "bindings", "componentstatuses", "configmaps", "endpoints", "events", "limitranges", "namespaces",
      "nodes", "persistentvolumeclaims", "persistentvolumes", "pods", "podtemplates",
      "replicationcontrollers", "resourcequotas", "secrets", "serviceaccounts", "services");

  /** Built-in grouped resources that people write without their group. */
  private static final Map<String, String> GROUPED = Map.ofEntries(
      Map.entry("deployments", "deployments.apps"),
      Map.entry("statefulsets", "statefulsets.apps"),
      Map.entry("daemonsets", "daemonsets.apps"),
      Map.entry("replicasets", "replicasets.apps"),
      Map.entry("jobs", "jobs.batch"),
      Map.entry("cronjobs", "cronjobs.batch"),
      Map.entry("ingresses", "ingresses.networking.k8s.io"),
      Map.entry("networkpolicies", "networkpolicies.networking.k8s.io"),
      Map.entry("roles", "roles.rbac.authorization.k8s.io"),
      Map.entry("rolebindings", "rolebindings.rbac.authorization.k8s.io"),
      Map.entry("clusterroles", "clusterroles.rbac.authorization.k8s.io"),
      Map.entry("clusterrolebindings", "clusterrolebindings.rbac.authorization.k8s.io"),
      Map.entry("horizontalpodautoscalers", "horizontalpodautoscalers.autoscaling"),
      Map.entry("poddisruptionbudgets", "poddisruptionbudgets.policy"),
      Map.entry("storageclasses", "storageclasses.storage.k8s.io"),
      Map.entry("customresourcedefinitions", "customresourcedefinitions.apiextensions.k8s.io"),
      Map.entry("leases", "leases.coordination.k8s.io"),
      Map.entry("endpointslices", "endpointslices.discovery.k8s.io"));

  /** Short names kubectl accepts but the policy does not; singulars are caught by spelling. */
  private static final Map<String, String> SHORT = Map.ofEntries(
      Map.entry("po", "pods"), Map.entry("svc", "services"), Map.entry("cm", "configmaps"),
      Map.entry("ns", "namespaces"), Map.entry("no", "nodes"), Map.entry("pv", "persistentvolumes"),
      Map.entry("pvc", "persistentvolumeclaims"), Map.entry("sa", "serviceaccounts"),
      Map.entry("ep", "endpoints"),
      Map.entry("deploy", "deployments.apps"),
      Map.entry("sts", "statefulsets.apps"),
      Map.entry("ds", "daemonsets.apps"),
      Map.entry("rs", "replicasets.apps"),
      Map.entry("ing", "ingresses.networking.k8s.io"),
      Map.entry("hpa", "horizontalpodautoscalers.autoscaling"),
      Map.entry("pdb", "poddisruptionbudgets.policy"),
      Map.entry("crd", "customresourcedefinitions.apiextensions.k8s.io"));

  private ResourceNames() {}

  /** What is wrong with a literal resource, or empty when it is a valid kubectl name. */
  static Optional<String> problem(String literal) {
    try {
      ResourceName.of(literal);
    } catch (IllegalArgumentException e) {
      return Optional.of("resource \"" + literal + "\" is not in kubectl form: plural[.group], e.g. pods or"
          + " deployments.apps");
    }
    if (literal.indexOf('.') >= 0 || CORE.contains(literal)) {
      return Optional.empty();
    }
    String suggestion = GROUPED.getOrDefault(literal, SHORT.get(literal));
    if (suggestion == null) {
      suggestion = GROUPED.get(literal + "s");
    }
    if (suggestion == null) {
      suggestion = DidYouMean.closest(literal, CORE).orElse(null);
    }
    return Optional.of("resource \"" + literal + "\" is not a core resource, and any other needs its group"
        + (suggestion == null ? " (e.g. widgets.example.com)" : " (did you mean \"" + suggestion + "\"?)"));
  }
}
