package app.octokube.agent.projection;

import app.octokube.protocol.ResourceName;
import java.util.Map;

/**
 * One realistic input object per built-in kind: fixtures/kinds/&lt;resource&gt;.yaml, with the
 * expected projection beside it as &lt;resource&gt;.json. Pods are the exemplar pod itself;
 * workload fixtures leave their pod template's spec empty and get the exemplar pod's spec, as a
 * controller would have stamped it out.
 */
final class KindFixtures {
  /** Where each workload keeps its pod template. */
  static final Map<String, String> TEMPLATE_PATHS =
      Map.of(
          "deployments.apps", "spec.template",
          "replicasets.apps", "spec.template",
          "statefulsets.apps", "spec.template",
          "daemonsets.apps", "spec.template",
          "jobs.batch", "spec.template",
          "cronjobs.batch", "spec.jobTemplate.spec.template");

  private KindFixtures() {}

  /** The workloads, each with a pod template. */
  static java.util.stream.Stream<ResourceName> workloads() {
    return TEMPLATE_PATHS.keySet().stream().sorted().map(ResourceName::of);
  }

  /** The input object for {@code resource}, as an editable tree. */
  static Map<String, Object> input(ResourceName resource) {
    if (resource.value().equals("pods")) {
      return Fixtures.exemplarPod();
    }
    Map<String, Object> tree = Fixtures.tree("fixtures/kinds/" + resource + ".yaml");
    String templatePath = TEMPLATE_PATHS.get(resource.value());
    if (templatePath != null) {
      Fixtures.at(tree, templatePath).put("spec", templateSpec());
    }
    return tree;
  }

  /** The exemplar pod's spec as a template would hold it: not yet bound to a node. */
  static Map<String, Object> templateSpec() {
    Map<String, Object> spec = Fixtures.at(Fixtures.exemplarPod(), "spec");
    spec.remove("nodeName");
    return spec;
  }

  static String expectedPath(ResourceName resource) {
    return "fixtures/kinds/" + resource + ".json";
  }
}
