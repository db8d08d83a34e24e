package app.octokube.app.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A stream client on a real socket that keeps its state of {@code pods} in cluster {@code c1} by
 * exactly the client's rule of docs/protocol.md, and records its state at every version it reaches
 * (after each snapshot and each applied delta), keyed by {@code epoch:version}.
 */
final class ModelClient implements WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLUSTER = RandomPolicy.CLUSTER;
  private static final String RESOURCE = "pods";

  final String user;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  // The client's rule: guarded by this.
  private String epoch;
  private long localVersion;
  private boolean awaitingSnapshot;
  private Map<String, JsonNode> state = new HashMap<>();

  // What the test checks: guarded by this.
  private boolean recording = true;
  private boolean helloListsPods;
  private final Map<String, Map<String, JsonNode>> reached = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private int snapshots;
  private int deltasApplied;
  private int resyncs;
  private int messages;

  private ModelClient(String user) {
    this.user = user;
  }

  static ModelClient connect(HttpClient http, int port, String user) throws Exception {
    ModelClient client = new ModelClient(user);
    client.socket = http.newWebSocketBuilder()
        .header("Authorization", "Bearer demo-" + user)
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), client)
        .get(10, TimeUnit.SECONDS);
    return client;
  }

  synchronized void subscribe() {
    awaitingSnapshot = true;
    send("{\"op\":\"subscribe\",\"cluster\":\"" + CLUSTER + "\",\"resource\":\"" + RESOURCE + "\"}");
  }

  /** Sends one frame after the previous one went out: the JDK socket allows one send at a time. */
  private synchronized void send(String frame) {
    sending = sending.handle((ok, failure) -> null)
        .thenCompose(ignored -> socket.sendText(frame, true));
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        handle(JSON.readTree(text));
      } catch (IOException e) {
        synchronized (this) {
          problems.add("a frame that is not JSON: " + abbreviate(text));
        }
      }
    }
    webSocket.request(1);
    return null;
  }

  private synchronized void handle(JsonNode message) {
    messages++;
    switch (message.path("op").asText()) {
      case "hello" -> {
        for (JsonNode cluster : message.path("clusters")) {
          if (CLUSTER.equals(cluster.path("cluster").asText())) {
            cluster.path("resources").forEach(r -> helloListsPods |= RESOURCE.equals(r.asText()));
          }
        }
      }
      case "snapshot" -> {
        if (!CLUSTER.equals(message.path("cluster").asText()) || !RESOURCE.equals(message.path("resource").asText())) {
          return;
        }
        Map<String, JsonNode> fresh = new HashMap<>();
        for (JsonNode item : message.path("items")) {
          fresh.put(keyOf(item), item);
        }
        state = fresh;
        epoch = message.path("epoch").asText();
        localVersion = message.path("version").asLong();
        awaitingSnapshot = false;
        snapshots++;
        record();
      }
      case "delta" -> {
        if (!CLUSTER.equals(message.path("cluster").asText()) || awaitingSnapshot || epoch == null) {
          return;
        }
        long from = message.path("from").asLong();
        long to = message.path("to").asLong();
        if (!epoch.equals(message.path("epoch").asText())) {
          resync();
        } else if (from == localVersion + 1) {
          for (JsonNode change : message.path("changes")) {
            if (!RESOURCE.equals(change.path("resource").asText())) {
              continue;
            }
            String key = change.path("key").asText();
            switch (change.path("type").asText()) {
              case "upsert" -> state.put(key, change.path("object"));
              case "delete" -> state.remove(key);
              default -> problems.add("a change of unknown type: " + abbreviate(change.toString()));
            }
          }
          localVersion = to;
          deltasApplied++;
          record();
        } else if (to > localVersion) {
          resync();
        }
      }
      case "cluster" -> {
        // Connection news; a new epoch shows up in the next snapshot or delta.
      }
      case "error" -> problems.add("an error: " + abbreviate(message.toString()));
      default -> problems.add("an unknown op: " + abbreviate(message.toString()));
    }
  }

  private void resync() {
    awaitingSnapshot = true;
    resyncs++;
    send("{\"op\":\"resync\",\"cluster\":\"" + CLUSTER + "\",\"resource\":\"" + RESOURCE + "\"}");
  }

  private void record() {
    if (!recording) {
      return;
    }
    String at = epoch + ":" + localVersion;
    Map<String, JsonNode> copy = Map.copyOf(state);
    Map<String, JsonNode> earlier = reached.putIfAbsent(at, copy);
    if (earlier != null && !earlier.equals(copy)) {
      problems.add("reached version " + at + " twice with different states (" + earlier.size()
          + " then " + copy.size() + " pods)");
    }
  }

  static String keyOf(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  synchronized void stopRecording() {
    recording = false;
  }

  synchronized boolean helloListsPods() {
    return helloListsPods;
  }

  synchronized int messages() {
    return messages;
  }

  synchronized boolean hasSnapshot() {
    return snapshots > 0;
  }

  synchronized Map<String, Map<String, JsonNode>> reached() {
    return new LinkedHashMap<>(reached);
  }

  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  synchronized String summary() {
    return "%s: %d messages, %d snapshots, %d deltas applied, %d resyncs, %d versions reached, %d pods now"
        .formatted(user, messages, snapshots, deltasApplied, resyncs, reached.size(), state.size());
  }

  void close() {
    if (socket != null) {
      socket.abort();
    }
  }
}
