package app.octokube.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.sim.SimConfig;
import app.octokube.sim.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code octokube up}'s stack against a cluster reached through a kubeconfig, as a user runs it. */
class UpCommandTest {

  @Test
  void signsTheOneUserInAndStreamsTheKubeconfigsCluster(@TempDir Path dir) throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start(SimConfig.demo().withPods(100).withChurn(0), p -> {})) {
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
          apiVersion: v1
          kind: Config
          clusters:
            - name: sim
              cluster: {server: "%s"}
          contexts:
            - name: Team_Sandbox
              context: {cluster: sim, user: me}
          current-context: Team_Sandbox
          users:
            - name: me
              user: {token: not-needed-by-the-simulator}
          """.formatted(cluster.url()));
      String password = "correct-horse-battery";
      try (KubernetesClient client = KubeClients.connect(kubeconfig, null);
          LocalStack stack = LocalStack.start(client, UpCommand.clusterId(client), "127.0.0.1", 0,
              UpCommand.policy(password), false)) {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(stack.url() + "api/v1/session"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"me\",\"password\":\"" + password + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(200);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = http.newWebSocketBuilder().header("Cookie", cookie).header("Origin", stack.url().replaceAll("/$", ""))
            .buildAsync(URI.create(stack.url().replace("http", "ws") + "api/v1/stream"), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                frames.add(data.toString());
                ws.request(1);
                return null;
              }
            }).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> !frames.isEmpty());
        socket.abort();

        assertThat(UpCommand.clusterId(client).value()).isEqualTo("team-sandbox");
        assertThat(frames.get(0)).contains("\"user\":\"me\"").contains("\"cluster\":\"team-sandbox\"");
      }
    }
  }
}
