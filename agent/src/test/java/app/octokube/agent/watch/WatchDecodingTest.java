package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The watch client decodes objects straight into generic maps, not as typed model classes that
 * fabric8 would then convert (about four times the cost per pod), and still recognises a watch's
 * ERROR event by its typed {@code Status}.
 */
class WatchDecodingTest {
  private static final String POD_EVENT = "{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
      + "\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\",\"resourceVersion\":\"7\"},"
      + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}";
  private static final String GONE_EVENT = "{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\","
      + "\"code\":410,\"reason\":\"Expired\",\"message\":\"too old resource version\"}}";

  @Test
  void aWatchedPodIsDecodedGenericallyWhereFabric8sDefaultDecodesItTyped() {
    WatchEvent ours = ClusterWatch.watchSerialization().unmarshal(POD_EVENT, WatchEvent.class);
    WatchEvent defaults = new KubernetesSerialization().unmarshal(POD_EVENT, WatchEvent.class);

    assertThat(defaults.getObject()).as("the detour the watch client avoids").isInstanceOf(Pod.class);
    assertThat(ours.getObject()).isExactlyInstanceOf(GenericKubernetesResource.class);
    GenericKubernetesResource pod = (GenericKubernetesResource) ours.getObject();
    assertThat(pod.getMetadata().getName()).isEqualTo("web-1");
    assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("7");
  }

  @Test
  void anErrorEventStillCarriesATypedStatusSoGoneIsRecognised() {
    WatchEvent gone = ClusterWatch.watchSerialization().unmarshal(GONE_EVENT, WatchEvent.class);

    assertThat(gone.getObject()).isInstanceOf(Status.class);
    assertThat(((Status) gone.getObject()).getCode()).isEqualTo(410);
  }
}
