package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exemplar pod, projected: what a pod list and a pod panel need, and nothing else. */
class PodProjectionTest {
  private static final ResourceName PODS = ResourceName.of("pods");

  private final Map<String, Object> exemplar = Fixtures.exemplarPod();
  private final Projection projection =
      Projectors.withBuiltins().project(PODS, Fixtures.resource(exemplar));
  private final JsonNode json = Fixtures.parse(projection);

  @Test
  void keyIsNamespaceSlashName() {
    assertThat(projection.key())
        .isEqualTo(ObjectKey.of("test-gpqsgu-1/small-deployment-10-67cc84df8d-88gxr"));
    assertThat(projection.resource()).isEqualTo(PODS);
  }

  @Test
  void carriesTheObjectsLabelsForAccessRules() {
    assertThat(projection.labels())
        .hasSize(11)
        .containsEntry("app.kubernetes.io/name", "payment-service")
        .containsEntry("pod-template-hash", "67cc84df8d");
  }

  @Test
  void writesMetadataFieldsInTheFixedOrder() {
    assertThat(json.get("metadata").fieldNames())
        .toIterable()
        .containsExactly(
            "name",
            "namespace",
            "uid",
            "labels",
            "annotations",
            "ownerReferences",
            "creationTimestamp",
            "resourceVersion",
            "generation");
    assertThat(json.at("/metadata/ownerReferences/0").toString())
        .isEqualTo(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\","
                + "\"name\":\"small-deployment-10-67cc84df8d\",\"controller\":true}");
  }

  @Test
  void keepsNodePhaseAddressesAndQos() {
    assertThat(json.at("/spec/nodeName").asText()).isEqualTo("kind-worker6");
    assertThat(json.at("/spec/serviceAccountName").asText()).isEqualTo("default");
    assertThat(json.at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(json.at("/status/hostIP").asText()).isEqualTo("192.168.8.8");
    assertThat(json.at("/status/podIPs/0/ip").asText()).isEqualTo("10.244.7.83");
    assertThat(json.at("/status/qosClass").asText()).isEqualTo("Burstable");
    assertThat(json.at("/status/startTime").asText()).isEqualTo("2026-04-23T12:23:02Z");
  }

  @Test
  void keepsConditionTypeStatusAndReason() {
    assertThat(json.at("/status/conditions/1").toString())
        .isEqualTo(
            "{\"type\":\"Initialized\",\"status\":\"False\",\"reason\":\"ContainersNotInitialized\"}");
  }

  @Test
  void keepsContainerNamesImagesAndResources() {
    assertThat(json.at("/spec/containers/0").toString())
        .isEqualTo(
            "{\"name\":\"main\",\"image\":\"registry.k8s.io/pause:3.9\","
                + "\"resources\":{\"requests\":{\"cpu\":\"5m\",\"memory\":\"20M\"}}}");
    assertThat(json.at("/spec/initContainers/1/name").asText()).isEqualTo("init-1");
  }

  @Test
  void keepsContainerStatusesWithReadyRestartsAndState() {
    assertThat(json.at("/status/containerStatuses/0").toString())
        .isEqualTo(
            "{\"name\":\"main\",\"ready\":false,\"restartCount\":0,"
                + "\"state\":{\"waiting\":{\"reason\":\"PodInitializing\"}}}");
    assertThat(json.at("/status/initContainerStatuses/0/state/terminated").toString())
        .isEqualTo(
            "{\"exitCode\":0,\"reason\":\"Completed\","
                + "\"startedAt\":\"2026-04-23T12:23:14Z\",\"finishedAt\":\"2026-04-23T12:23:15Z\"}");
  }

  @Test
  void writesVolumesAsNameAndSourceKindOnly() {
    assertThat(json.at("/spec/volumes").toString())
        .isEqualTo(
            "[{\"name\":\"configmap\",\"source\":\"configMap\"},{\"name\":\"secret\",\"source\":\"secret\"},"
                + "{\"name\":\"kube-api-access-sjcs6\",\"source\":\"projected\"}]");
  }

  @Test
  void summarisesProbesAsHandlerAndTimings() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Map<String, Object> container = Fixtures.list(pod, "spec.containers").get(0);
    container.put(
        "livenessProbe",
        Fixtures.yaml(
            "httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: X-Token, value: t0k3n}]}\n"
                + "periodSeconds: 10\nterminationGracePeriodSeconds: 30\n"));
    container.put(
        "readinessProbe", Fixtures.yaml("exec: {command: [cat, /tmp/ready]}\nperiodSeconds: 5\n"));

    JsonNode projected =
        Fixtures.parse(Projectors.withBuiltins().project(PODS, Fixtures.resource(pod)));

    assertThat(projected.at("/spec/containers/0/livenessProbe").toString())
        .isEqualTo("{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080},\"periodSeconds\":10}");
    assertThat(projected.at("/spec/containers/0/readinessProbe").toString())
        .isEqualTo("{\"exec\":[\"command\"],\"periodSeconds\":5}");
  }

  @Test
  void dropsEverythingThePodTableDoesNotList() {
    String text = Fixtures.text(projection);

    assertThat(text)
        .doesNotContain(
            "managedFields",
            "generateName",
            "\"env\":[",
            "POD_NAME",
            "volumeMounts",
            "terminationMessagePath",
            "imagePullPolicy",
            "dnsPolicy",
            "tolerations",
            "imageID",
            "containerID",
            "allocatedResources",
            "lastProbeTime",
            "observedGeneration",
            "\"started\"",
            "supplementalGroups",
            "secretName",
            "blockOwnerDeletion",
            "55338d45");
  }

  @Test
  void exemplarPodProjectsToAtMostOneFifthOfItsCompactJson() {
    int original = Fixtures.compactJson(exemplar).length;
    int projected = projection.json().size();

    System.out.printf(
        "exemplar pod: compact JSON %d bytes, projection %d bytes, ratio %.3f%n",
        original, projected, (double) projected / original);
    assertThat(projected * 5).isLessThanOrEqualTo(original);
  }
}
