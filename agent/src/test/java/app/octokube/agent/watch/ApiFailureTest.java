package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ApiFailureTest {
  private static final WatchTarget POD_METRICS =
      WatchTarget.of(ResourceName.of("pods.metrics.k8s.io"), "v1beta1", "PodMetrics", true);
  private static final WatchTarget SECRETS = WatchTarget.of(ResourceName.of("secrets"), "v1", "Secret", true);

  private static KubernetesClientException http(int code) {
    return new KubernetesClientException(MockApiserver.status(code, "Reason", "from the apiserver"));
  }

  @Test
  void aForbiddenListNamesTheMissingPermissionAndWhereToGrantIt() {
    ApiFailure failure = ApiFailure.of(http(403), "list", POD_METRICS);

    assertThat(failure.kind()).isEqualTo(ApiFailure.Kind.FORBIDDEN);
    assertThat(failure.message()).isEqualTo("cannot list pods.metrics.k8s.io: the agent's service account"
        + " lacks \"list\" on resource \"pods\" in API group \"metrics.k8s.io\"; grant it in the"
        + " ClusterRole (deploy/agent-clusterrole.yaml)");
  }

  @Test
  void aForbiddenCoreTypeNamesTheCoreGroup() {
    assertThat(ApiFailure.of(http(403), "watch", SECRETS).message())
        .contains("lacks \"watch\" on resource \"secrets\" in the core API group (\"\")");
  }

  @Test
  void notFoundMeansTheClusterDoesNotServeTheType() {
    ApiFailure failure = ApiFailure.of(http(404), "list", POD_METRICS);

    assertThat(failure.kind()).isEqualTo(ApiFailure.Kind.NOT_SERVED);
    assertThat(failure.message())
        .isEqualTo("cannot list pods.metrics.k8s.io: the apiserver does not serve metrics.k8s.io/v1beta1 pods (404 Not Found)");
  }

  @Test
  void goneAndOtherFailuresAreSortedForTheRetry() {
    assertThat(ApiFailure.of(http(410), "watch", SECRETS).kind()).isEqualTo(ApiFailure.Kind.GONE);
    assertThat(ApiFailure.of(http(503), "list", SECRETS).message())
        .isEqualTo("cannot list secrets: HTTP 503: from the apiserver");
    assertThat(ApiFailure.of(new KubernetesClientException("connect refused", new IOException()), "list", SECRETS))
        .isEqualTo(new ApiFailure(ApiFailure.Kind.TRANSIENT, "cannot list secrets: connect refused"));
  }
}
