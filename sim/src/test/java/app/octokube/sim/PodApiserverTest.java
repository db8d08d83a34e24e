package app.octokube.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodApiserverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private PodApiserver api;

  @BeforeEach
  void start() {
    List<ObjectNode> pods = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ObjectNode pod = JSON.createObjectNode();
      pod.putObject("metadata").put("namespace", i < 2 ? "a" : "b").put("name", "p" + i);
      pod.putObject("spec").put("nodeName", "node-0");
      pods.add(pod);
    }
    // A log of two events, so that a third write expires the oldest resourceVersions.
    api = PodApiserver.start(pods, 2, 1 << 20);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void listsEveryPodOrOneNamespacesWithTheListsResourceVersion() throws Exception {
    JsonNode all = getJson("/api/v1/pods?limit=500");
    assertThat(all.path("kind").asText()).isEqualTo("PodList");
    assertThat(all.path("metadata").path("resourceVersion").asText()).isEqualTo("3");
    assertThat(all.path("metadata").has("continue")).isFalse();
    assertThat(all.path("items")).extracting(p -> p.path("metadata").path("name").asText())
        .containsExactly("p0", "p1", "p2");
    assertThat(getJson("/api/v1/namespaces/a/pods").path("items")).hasSize(2);
    assertThat(getJson("/api/v1/namespaces/b/pods/p2").path("metadata").path("resourceVersion").asText())
        .isEqualTo("3");
  }

  @Test
  void aWatchFromAResourceVersionGetsThePatchesAfterItAsModifiedEvents() throws Exception {
    patch("a", "p0", "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}");
    HttpResponse<InputStream> watch = http.send(request("/api/v1/pods?watch=true&resourceVersion=4").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    HttpResponse<String> patched = patch("a", "p1", "{\"metadata\":{\"labels\":{\"y\":\"2\"}},\"spec\":{\"nodeName\":null}}");
    assertThat(patched.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = JSON.readTree(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("MODIFIED");
      JsonNode pod = event.path("object");
      assertThat(pod.path("metadata").path("name").asText()).isEqualTo("p1");
      assertThat(pod.path("metadata").path("resourceVersion").asText()).isEqualTo("5");
      assertThat(pod.path("metadata").path("labels").path("y").asText()).isEqualTo("2");
      assertThat(pod.path("spec").has("nodeName")).isFalse();
    }
  }

  @Test
  void aWatchFromAResourceVersionOlderThanTheLogGetsA410Error() throws Exception {
    for (int i = 0; i < 3; i++) {
      patch("a", "p0", "{\"metadata\":{\"labels\":{\"n\":\"" + i + "\"}}}");
    }
    HttpResponse<String> watch = http.send(request("/api/v1/pods?watch=true&resourceVersion=3").build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode event = JSON.readTree(watch.body().lines().findFirst().orElseThrow());
    assertThat(event.path("type").asText()).isEqualTo("ERROR");
    assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
    assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
  }

  @Test
  void anythingButPodsIsA404StatusAndIsRecorded() throws Exception {
    HttpResponse<String> answer = http.send(request("/apis/apps/v1/deployments").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(404);
    JsonNode status = JSON.readTree(answer.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("code").asInt()).isEqualTo(404);
    assertThat(api.unmatched()).containsExactly("GET /apis/apps/v1/deployments");
  }

  @Test
  void fabric8ListsWatchesAndSeesAPatch() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (KubernetesClient client = api.client()) {
      PodList list = client.pods().inAnyNamespace().list();
      assertThat(list.getItems()).hasSize(3);
      try (Watch watch = client.pods().inAnyNamespace().withResourceVersion(list.getMetadata().getResourceVersion())
          .watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
              events.add(action + " " + pod.getMetadata().getName() + " " + pod.getMetadata().getResourceVersion());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
          })) {
        patch("b", "p2", "{\"metadata\":{\"annotations\":{\"z\":\"3\"}}}");
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("MODIFIED p2 4");
      }
    }
    assertThat(api.unmatched()).isEmpty();
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> answer = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> patch(String namespace, String name, String body) throws Exception {
    return http.send(request("/api/v1/namespaces/" + namespace + "/pods/" + name)
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(30));
  }
}
