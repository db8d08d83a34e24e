package app.octokube.backend.server;

import static org.awaitility.Awaitility.await;

import app.octokube.protocol.Codec;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ClusterStatus;
import app.octokube.protocol.client.ErrorMessage;
import app.octokube.protocol.client.Hello;
import app.octokube.protocol.client.ServerMessage;
import app.octokube.protocol.client.Snapshot;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A client of the stream for tests: a real WebSocket that keeps every text message it receives,
 * raw (for leak checks) and decoded with the real codec.
 */
final class TestClient {
  static final String ORIGIN = "https://ide.example.test";

  private static final Codec CODEC = new Codec();
  private final List<String> raw = new ArrayList<>();
  private final List<ServerMessage> messages = new ArrayList<>();
  private ClientWebSocket socket;
  private Short closeStatus;

  /** Connects with a bearer token and the allowed origin. */
  static TestClient connect(WebSocketClient client, int port, String token) {
    return connect(client, port, token, ORIGIN);
  }

  static TestClient connect(WebSocketClient client, int port, String token, String origin) {
    TestClient test = new TestClient();
    WebSocketConnectOptions options = options(port, token, origin);
    // Handlers are set before connecting, so no frame can arrive before them.
    ClientWebSocket ws = client.webSocket();
    test.attach(ws);
    FakeAgent.await(ws.connect(options));
    return test;
  }

  static WebSocketConnectOptions options(int port, String token, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/api/v1/stream").setAllowOriginHeader(origin != null);
    if (origin != null) {
      options.putHeader("Origin", origin);
    }
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return options;
  }

  private void attach(ClientWebSocket ws) {
    socket = ws;
    ws.textMessageHandler(text -> {
      ServerMessage message = CODEC.decodeServerMessage(text).orElseThrow();
      synchronized (this) {
        raw.add(text);
        messages.add(message);
      }
    });
    ws.closeHandler(closed -> {
      synchronized (this) {
        closeStatus = ws.closeStatusCode();
      }
    });
  }

  void send(String json) {
    socket.writeTextMessage(json);
  }

  void subscribe(String cluster, String resource) {
    send("{\"op\":\"subscribe\",\"cluster\":\"" + cluster + "\",\"resource\":\"" + resource + "\"}");
  }

  void resync(String cluster, String resource) {
    send("{\"op\":\"resync\",\"cluster\":\"" + cluster + "\",\"resource\":\"" + resource + "\"}");
  }

  void unsubscribe(String cluster, String resource) {
    send("{\"op\":\"unsubscribe\",\"cluster\":\"" + cluster + "\",\"resource\":\"" + resource + "\"}");
  }

  ClientWebSocket socket() {
    return socket;
  }

  synchronized List<ServerMessage> messages() {
    return List.copyOf(messages);
  }

  synchronized List<String> raw() {
    return List.copyOf(raw);
  }

  synchronized Short closeStatus() {
    return closeStatus;
  }

  <T extends ServerMessage> List<T> all(Class<T> type) {
    return messages().stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Snapshot> snapshots() {
    return all(Snapshot.class);
  }

  List<ClientDelta> deltas() {
    return all(ClientDelta.class);
  }

  List<ErrorMessage> errors() {
    return all(ErrorMessage.class);
  }

  List<ClusterStatus> statuses() {
    return all(ClusterStatus.class);
  }

  Hello hello() {
    return awaitMessage(Hello.class, hello -> true);
  }

  /** Waits for a message of that type matching the predicate and returns the first such. */
  <T extends ServerMessage> T awaitMessage(Class<T> type, Predicate<T> matching) {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10)).until(
        () -> all(type).stream().filter(matching).findFirst().orElse(null), found -> found != null);
  }

  ClientDelta awaitDeltaTo(long version) {
    return awaitMessage(ClientDelta.class, delta -> delta.to().value() >= version);
  }

  void close() {
    if (socket != null && !socket.isClosed()) {
      FakeAgent.await(socket.close());
    }
  }
}
