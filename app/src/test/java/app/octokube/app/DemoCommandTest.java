package app.octokube.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code octokube demo} end to end: a simulated cluster, the real Agent and the real Backend, with
 * clients on real sockets signed in as the demo users.
 */
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DemoCommand.Running demo;

  /** A zone where it is now outside bob's weekday 09:00-18:00 window. */
  static String zoneOutsideBobsWindow() {
    for (int offset = -12; offset <= 12; offset++) {
      ZoneId zone = ZoneId.of(offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "+" : "") + offset);
      ZonedDateTime now = ZonedDateTime.now(zone);
      boolean weekend = now.getDayOfWeek() == DayOfWeek.SATURDAY || now.getDayOfWeek() == DayOfWeek.SUNDAY;
      // Two hours of margin on each side, so the window cannot open while the test runs.
      if (weekend || now.getHour() < 7 || now.getHour() >= 20) {
        return zone.getId();
      }
    }
    throw new IllegalStateException("some zone is always outside a nine-hour window");
  }

  @BeforeAll
  static void start() throws Exception {
    DemoCommand command = new DemoCommand();
    new CommandLine(command).parseArgs("--port", "0", "--pods", "100", "--churn", "20",
        "--timezone", zoneOutsideBobsWindow());
    StringWriter out = new StringWriter();
    demo = command.start(new PrintWriter(out));
    assertThat(out.toString()).contains("100%");
    // A hello lists the resource types the Agent tracks at that moment: wait for the first lists
    // to land in the Backend before any client connects.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      Client probe = Client.connect("demo-admin");
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> !probe.ops("hello").isEmpty());
        return probe.ops("hello").get(0).path("clusters").path(0).path("resources").toString().contains("\"pods\"");
      } finally {
        probe.socket.abort();
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  /** Messages a client receives, as parsed JSON. */
  private static final class Client implements WebSocket.Listener {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Client connect(String token) throws Exception {
      Client client = new Client();
      client.socket = HTTP.newWebSocketBuilder()
          .header("Authorization", "Bearer " + token)
          .buildAsync(URI.create("ws://127.0.0.1:" + demo.backend().port() + "/api/v1/stream"), client)
          .get(10, TimeUnit.SECONDS);
      return client;
    }

    void send(String json) {
      socket.sendText(json, true).join();
    }

    List<JsonNode> ops(String op) {
      return messages.stream().filter(m -> op.equals(m.path("op").asText())).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new AssertionError("the Backend sent a frame that is not JSON", e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  @Test
  void servesTheIdeAndSaysItIsADemo() throws Exception {
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(demo.url())).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> session = HTTP.send(HttpRequest.newBuilder(URI.create(demo.url() + "api/v1/session"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"alice\",\"password\":\"alice\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("<!doctype html>");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body()).contains("\"demo\":true");
  }

  @Test
  void aliceReceivesPodsOfPaymentsAndSearchOnly() throws Exception {
    Client alice = Client.connect("demo-alice");
    await().atMost(Duration.ofSeconds(20)).until(() -> !alice.ops("hello").isEmpty());
    assertThat(alice.ops("hello").get(0).path("clusters").path(0).path("resources").toString()).contains("\"pods\"");
    alice.send("{\"op\":\"subscribe\",\"cluster\":\"demo\",\"resource\":\"pods\"}");
    await().atMost(Duration.ofSeconds(20)).until(() -> !alice.ops("snapshot").isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> alice.ops("delta").stream()
        .anyMatch(d -> d.path("changes").size() > 0));

    Set<String> namespaces = new HashSet<>();
    alice.ops("snapshot").get(0).path("items").forEach(i -> namespaces.add(i.path("metadata").path("namespace").asText()));
    alice.ops("delta").forEach(d -> d.path("changes").forEach(c -> {
      if (c.has("object")) {
        namespaces.add(c.path("object").path("metadata").path("namespace").asText());
      } else {
        namespaces.add(c.path("key").asText().split("/")[0]);
      }
    }));
    assertThat(namespaces).containsExactlyInAnyOrder("payments", "search");
    alice.socket.abort();
  }

  @Test
  void bobOutsideHisWindowIsToldHeHasNoAccessAtThisTime() throws Exception {
    Client bob = Client.connect("demo-bob");
    await().atMost(Duration.ofSeconds(20)).until(() -> !bob.ops("hello").isEmpty());
    bob.send("{\"op\":\"subscribe\",\"cluster\":\"demo\",\"resource\":\"pods\"}");
    await().atMost(Duration.ofSeconds(20)).until(() -> !bob.ops("error").isEmpty());

    // The cluster is listed, with what his window will open, so his IDE can say why it is empty.
    JsonNode cluster = bob.ops("hello").get(0).path("clusters").path(0);
    assertThat(cluster.path("cluster").asText()).isEqualTo("demo");
    assertThat(cluster.path("resources").toString()).contains("\"pods\"").doesNotContain("\"secrets\"");
    JsonNode error = bob.ops("error").get(0);
    assertThat(error.path("code").asText()).isEqualTo("no-access-now");
    assertThat(error.path("message").asText()).contains("no access at this time");
    assertThat(bob.ops("snapshot")).isEmpty();
    bob.socket.abort();
  }

  @Test
  void policyEditsReachALiveSubscriptionWithinASecond() throws Exception {
    java.nio.file.Path file = demo.policy();
    String original = java.nio.file.Files.readString(file);
    Client alice = Client.connect("demo-alice");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !alice.ops("hello").isEmpty());
      alice.send("{\"op\":\"subscribe\",\"cluster\":\"demo\",\"resource\":\"pods\"}");
      await().atMost(Duration.ofSeconds(20)).until(() -> alice.ops("snapshot").size() == 1);
      assertThat(namespacesOf(alice.ops("snapshot").get(0))).containsExactlyInAnyOrder("payments", "search");

      // A narrowed rule: the live subscription gets a fresh snapshot under it.
      java.nio.file.Files.writeString(file, original.replace("namespaces: [payments, search]", "namespaces: [payments]"));
      long narrowed = waitMillis(() -> alice.ops("snapshot").size() == 2);
      assertThat(namespacesOf(alice.ops("snapshot").get(1))).containsExactly("payments");

      // An added rule brings a snapshot with what it grants.
      java.nio.file.Files.writeString(file, original);
      long widened = waitMillis(() -> alice.ops("snapshot").size() == 3);
      assertThat(namespacesOf(alice.ops("snapshot").get(2))).containsExactlyInAnyOrder("payments", "search");

      // A removed rule ends the subscription, and nothing more comes for it.
      java.nio.file.Files.writeString(file, original.replace("subjects: [\"user:alice\"]", "subjects: [\"user:admin\"]"));
      long ended = waitMillis(() -> !alice.ops("error").isEmpty());
      JsonNode error = alice.ops("error").get(0);
      assertThat(error.path("code").asText()).isIn("forbidden", "unknown-cluster");
      assertThat(error.path("resource").asText()).isEqualTo("pods");

      // The file is polled every 500 ms, so an edit takes effect in about half a second; the bound
      // adds scheduling slack for a loaded two-core CI machine to the product's one second.
      System.out.printf("policy edit to effect: narrowed %d ms, widened %d ms, ended %d ms%n", narrowed, widened, ended);
      assertThat(List.of(narrowed, widened, ended)).as("ms from each edit to its effect").allMatch(ms -> ms < 1_500);
    } finally {
      alice.socket.abort();
      if (!java.nio.file.Files.readString(file).equals(original)) {
        long reloads = demo.backend().policy().reloads();
        java.nio.file.Files.writeString(file, original);
        // Other tests share this demo: wait until the original policy is in force again.
        await().atMost(Duration.ofSeconds(5)).until(() -> demo.backend().policy().reloads() > reloads);
      }
    }
  }

  private static Set<String> namespacesOf(JsonNode snapshot) {
    Set<String> namespaces = new HashSet<>();
    snapshot.path("items").forEach(i -> namespaces.add(i.path("metadata").path("namespace").asText()));
    return namespaces;
  }

  private static long waitMillis(java.util.concurrent.Callable<Boolean> condition) {
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition);
    return (System.nanoTime() - start) / 1_000_000;
  }
}
