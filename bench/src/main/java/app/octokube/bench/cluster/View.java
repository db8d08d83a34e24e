package app.octokube.bench.cluster;

import java.util.List;

/**
 * One resource a user views, as Octokube names it and as the apiserver serves it across every
 * namespace (what the IDE's and Headlamp's list views show).
 *
 * @param resource the kubectl name, e.g. {@code deployments.apps}
 * @param path the collection's API path, e.g. {@code /apis/apps/v1/deployments}
 */
record View(String resource, String path) {
  /** The five views of every user in the apiserver-load scenario: a workload-centred screen. */
  static final List<View> FIVE = List.of(
      new View("pods", "/api/v1/pods"),
      new View("deployments.apps", "/apis/apps/v1/deployments"),
      new View("services", "/api/v1/services"),
      new View("configmaps", "/api/v1/configmaps"),
      new View("events", "/api/v1/events"));

  static final View PODS = FIVE.get(0);

  static List<String> resources(List<View> views) {
    return views.stream().map(View::resource).toList();
  }
}
