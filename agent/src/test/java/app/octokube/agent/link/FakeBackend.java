package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import app.octokube.protocol.Codec;
import app.octokube.protocol.Decoded;
import app.octokube.protocol.link.AgentCommand;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A Vert.x WebSocket server on 127.0.0.1 playing the Backend: checks the path and the bearer
 * token, records every connection and the messages the Agent sends on it, and lets a test send
 * commands, pause reading, or close.
 */
final class FakeBackend implements AutoCloseable {
  static final String TOKEN = "agent-token-c4n4ry-7f3e";
  static final long WAIT_SECONDS = 10;

  private final Codec codec = new Codec();
  private final HttpServer server;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile String acceptedToken = TOKEN;

  private FakeBackend(Vertx vertx, PemKeyCertOptions tls) throws Exception {
    HttpServerOptions options = new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(0)
        // Deltas and snapshot chunks may be megabytes; the real Backend allows 16 MiB too.
        .setMaxWebSocketMessageSize(32 << 20);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(ws -> connections.add(new Connection(ws)));
    server.listen().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static FakeBackend start(Vertx vertx) throws Exception {
    return new FakeBackend(vertx, null);
  }

  static FakeBackend startTls(Vertx vertx, PemKeyCertOptions keyCert) throws Exception {
    return new FakeBackend(vertx, keyCert);
  }

  int port() {
    return server.actualPort();
  }

  String url() {
    return "ws://127.0.0.1:" + port();
  }

  /** From now on, only {@code token} is accepted. */
  void acceptOnly(String token) {
    acceptedToken = token;
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    String authorization = handshake.headers().get("Authorization");
    authorizations.add(String.valueOf(authorization));
    if (!LinkConfig.CONNECT_PATH.equals(handshake.path())) {
      handshake.reject(404);
    } else if (!("Bearer " + acceptedToken).equals(authorization)) {
      refused.incrementAndGet();
      handshake.reject(401);
    } else {
      handshake.accept();
    }
  }

  List<String> authorizations() {
    return authorizations;
  }

  int refusedHandshakes() {
    return refused.get();
  }

  int connectionCount() {
    return connections.size();
  }

  /** The {@code n}-th connection (1 for the first), once it exists. */
  Connection connection(int n) {
    Awaitility.await().atMost(WAIT_SECONDS, TimeUnit.SECONDS)
        .until(() -> connections.size() >= n);
    return connections.get(n - 1);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** One accepted WebSocket and what the Agent sent on it. */
  final class Connection {
    private final ServerWebSocket ws;
    private final BlockingQueue<AgentMessage> received = new LinkedBlockingQueue<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    private volatile Short closeCode;
    private volatile boolean closed;

    private Connection(ServerWebSocket ws) {
      this.ws = ws;
      ws.textMessageHandler(text -> {
        Decoded<AgentMessage> decoded = codec.decodeAgentMessage(text);
        if (decoded.isOk()) {
          received.add(decoded.orElseThrow());
        } else {
          undecodable.add(text);
        }
      });
      ws.closeHandler(v -> {
        closeCode = ws.closeStatusCode();
        closed = true;
      });
    }

    /** The next message, which must be a {@code type}. */
    <T extends AgentMessage> T next(Class<T> type) throws InterruptedException {
      AgentMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (message == null) {
        fail("no " + type.getSimpleName() + " within " + WAIT_SECONDS + " s");
      }
      assertThat(message).isInstanceOf(type);
      assertThat(undecodable).as("frames that are not agent messages").isEmpty();
      return type.cast(message);
    }

    /**
     * Deltas up to and including version {@code last}; fails unless they follow one another with
     * no version missing or repeated, starting right after {@code after}.
     */
    List<AgentDelta> deltasThrough(long after, long last) throws InterruptedException {
      List<AgentDelta> deltas = new ArrayList<>();
      long expected = after + 1;
      while (expected <= last) {
        AgentDelta delta = nextDelta();
        assertThat(delta.version().value()).as("the version after %d", expected - 1)
            .isEqualTo(expected);
        deltas.add(delta);
        expected++;
      }
      return deltas;
    }

    /**
     * The next delta, passing over resource-set announcements: the Agent repeats the set after
     * every resume, which a Backend takes as a no-op when nothing changed.
     */
    AgentDelta nextDelta() throws InterruptedException {
      while (true) {
        AgentMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
          fail("no AgentDelta within " + WAIT_SECONDS + " s");
        }
        if (!(message instanceof app.octokube.protocol.link.ResourcesChanged)) {
          assertThat(message).isInstanceOf(AgentDelta.class);
          return (AgentDelta) message;
        }
      }
    }

    /** Nothing more arrives within {@code millis}. */
    void assertQuietFor(long millis) throws InterruptedException {
      AgentMessage message = received.poll(millis, TimeUnit.MILLISECONDS);
      assertThat(message).as("an unexpected message").isNull();
    }

    void send(AgentCommand command) {
      ws.writeTextMessage(codec.encodeToString(command));
    }

    void sendText(String text) {
      ws.writeTextMessage(text);
    }

    /** Stops reading the socket: what the Agent writes piles up in TCP buffers. */
    void pauseReading() {
      ws.pause();
    }

    void resumeReading() {
      ws.resume();
    }

    void close() {
      ws.close();
    }

    boolean closed() {
      return closed;
    }

    Short closeCode() {
      return closeCode;
    }
  }
}
