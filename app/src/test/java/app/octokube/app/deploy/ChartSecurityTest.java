package app.octokube.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.app.deploy.Scenarios.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pod the chart runs is hardened the same way, whatever the values. */
class ChartSecurityTest {

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyPodRunsAsNonRootWithTheRuntimeDefaultSeccompProfile(Scenario scenario) {
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      String what = deployment.path("metadata").path("name").asText();

      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(what).isTrue();
      assertThat(pod.path("securityContext").path("runAsUser").asInt()).as(what).isPositive();
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(what)
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("hostNetwork").asBoolean(false)).as(what).isFalse();
      assertThat(pod.path("hostPID").asBoolean(false)).as(what).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyContainerHasAReadOnlyRootNoPrivilegeEscalationAndNoCapability(Scenario scenario) {
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
        JsonNode security = container.path("securityContext");
        String what = container.path("name").asText();

        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
        assertThat(security.path("runAsNonRoot").asBoolean()).as(what).isTrue();
        assertThat(security.path("privileged").asBoolean(false)).as(what).isFalse();
        assertThat(Manifests.texts(security.path("capabilities").path("drop"))).as(what).containsExactly("ALL");
        assertThat(security.path("capabilities").has("add")).as(what).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theOnlyWritablePathIsASizeLimitedEmptyDirAtTmp(Scenario scenario) {
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      JsonNode container = pod.path("containers").get(0);
      String what = container.path("name").asText();

      for (JsonNode mount : container.path("volumeMounts")) {
        if (mount.path("mountPath").asText().equals("/tmp")) {
          JsonNode tmp = volume(pod, mount.path("name").asText());
          assertThat(tmp.has("emptyDir")).as(what + " /tmp").isTrue();
          assertThat(tmp.path("emptyDir").path("sizeLimit").asText()).as(what + " /tmp").isNotBlank();
        } else {
          assertThat(mount.path("readOnly").asBoolean()).as(what + " " + mount.path("mountPath").asText()).isTrue();
        }
      }
      assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).as(what).contains("/tmp");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void mountedSecretsAreNotWorldReadableAndNothingUsesSubPath(Scenario scenario) {
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      for (JsonNode volume : pod.path("volumes")) {
        if (volume.has("secret") && !volume.path("name").asText().equals("ca")) {
          // 0440: owner and the pod's fsGroup; the CA certificate is public and may be 0444.
          assertThat(volume.path("secret").path("defaultMode").asInt()).as(volume.path("name").asText()).isEqualTo(0440);
        }
      }
      // A subPath mount never sees kubelet's update of a Secret or ConfigMap: no hot reload.
      for (JsonNode mount : pod.path("containers").get(0).path("volumeMounts")) {
        assertThat(mount.has("subPath")).as(mount.path("name").asText()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyContainerHasAMemoryLimitForTheJvmToSizeItsHeapFrom(Scenario scenario) {
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);

      assertThat(container.path("resources").path("limits").path("memory").asText())
          .as(container.path("name").asText()).isNotBlank();
      assertThat(container.path("resources").path("requests").path("cpu").asText())
          .as(container.path("name").asText()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void podsGetNoServiceLinkVariablesThatCouldPoseAsOctokubeSettings(Scenario scenario) {
    // A Service named "octokube" would inject OCTOKUBE_PORT=tcp://…, which --port would read.
    for (JsonNode deployment : Chart.render(scenario.values()).ofKind("Deployment")) {
      assertThat(deployment.path("spec").path("template").path("spec").path("enableServiceLinks").asBoolean(true))
          .as(deployment.path("metadata").path("name").asText()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void onlyTheAgentHoldsAServiceAccountToken(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    m.find("Deployment", "backend").ifPresent(d ->
        assertThat(m.podSpec("backend").path("automountServiceAccountToken").asBoolean(true)).isFalse());
    m.find("Deployment", "agent").ifPresent(d ->
        assertThat(m.podSpec("agent").path("automountServiceAccountToken").asBoolean()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void eachComponentRunsExactlyOneReplicaAndTheBackendIsNeverTwiceAtOnce(Scenario scenario) {
    Manifests m = Chart.render(scenario.values());

    for (JsonNode deployment : m.ofKind("Deployment")) {
      assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    }
    m.find("Deployment", "backend").ifPresent(d ->
        assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate"));
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }
}
