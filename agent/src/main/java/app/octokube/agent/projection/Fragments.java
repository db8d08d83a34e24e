package app.octokube.agent.projection;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

/**
 * Path lists shared between kinds or places, named so a table says
 * {@code spec.template.@podTemplate} instead of repeating them: conditions appear in most kinds,
 * containers in a pod's three container lists, and a pod template in six workload kinds.
 * docs/projections.md lists each fragment under the same name (ProjectionsDocTest checks it).
 *
 * <p>Sizes matter here: a cluster holds tens of thousands of pods and every one is kept and sent
 * in this shape, so each fragment keeps what an IDE's table or detail panel shows and no more.
 * Conditions, for example, drop {@code lastHeartbeatTime}, {@code lastUpdateTime} and
 * {@code lastProbeTime}: they change on every status report without changing what anyone sees.
 */
final class Fragments {
  static final Map<String, List<String>> ALL = Map.ofEntries(
      entry("condition", List.of("type", "status", "reason", "message", "lastTransitionTime")),
      entry("podCondition", List.of("type", "status", "reason")),
      entry("probe", List.of(
          "exec{keys}", "httpGet.path", "httpGet.port", "httpGet.scheme", "tcpSocket.port",
          "grpc.port", "initialDelaySeconds", "periodSeconds", "timeoutSeconds",
          "failureThreshold")),
      entry("container", List.of(
          "name", "image", "ports", "resources", "restartPolicy", "livenessProbe.@probe",
          "readinessProbe.@probe", "startupProbe.@probe")),
      entry("containerStatus", List.of(
          "name", "ready", "restartCount", "state.@containerState", "lastState.@containerState")),
      entry("containerState", List.of(
          "waiting.reason", "waiting.message", "running.startedAt", "terminated.exitCode",
          "terminated.signal", "terminated.reason", "terminated.message", "terminated.startedAt",
          "terminated.finishedAt")),
      entry("podTemplate", List.of(
          "metadata.labels", "spec.containers[].@templateContainer",
          "spec.initContainers[].@templateContainer", "spec.nodeSelector", "spec.tolerations")),
      entry("templateContainer", List.of("name", "image", "ports", "resources")));

  private Fragments() {}
}
