package app.octokube.backend.server;

import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.agents.LinkSettings;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.ClusterId;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * A Backend on 127.0.0.1 and a port of its own, with the clients' side on a separate Vert.x: a
 * cluster per name given ({@code c1} and {@code c2} by default), whose Agent token is
 * {@code agent-<cluster>}, and bearer tokens {@code token-<user>} for the users given.
 */
final class TestBackend implements AutoCloseable {
  static {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
  }

  final TestAccess access = new TestAccess();
  final Vertx clients = Vertx.vertx();
  final WebSocketClient webSockets =
      clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(2000).setClosingTimeout(1)
          .setMaxFrameSize(2 << 20).setMaxMessageSize(256 << 20));
  final BackendServer server;

  TestBackend(String... users) {
    this(StreamLimits.DEFAULTS, List.of("c1", "c2"), users);
  }

  TestBackend(StreamLimits limits, String... users) {
    this(limits, List.of("c1", "c2"), users);
  }

  TestBackend(StreamLimits limits, List<String> clusters, String... users) {
    this(limits, new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(15)), clusters, users);
  }

  TestBackend(StreamLimits limits, LinkSettings link, List<String> clusters, String... users) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String user : users) {
      tokens.put("token-" + user, user);
    }
    Map<ClusterId, String> agentTokenValues = new LinkedHashMap<>();
    for (String cluster : clusters) {
      agentTokenValues.put(ClusterId.of(cluster), "agent-" + cluster);
    }
    AgentTokens agentTokens = AgentTokens.fromTokens(agentTokenValues);
    BackendConfig config = BackendConfig.of("127.0.0.1", 0, Set.of(TestClient.ORIGIN), agentTokens)
        .withLimits(limits)
        .withLink(link);
    server = FakeAgent.await(BackendServer.start(config, access, BearerTokenAuthenticator.fromTokens(tokens)));
  }

  int port() {
    return server.port();
  }

  FakeAgent agent(String cluster, String... resources) {
    return new FakeAgent(clients, port(), "agent-" + cluster, resources);
  }

  TestClient client(String user) {
    return TestClient.connect(webSockets, port(), "token-" + user);
  }

  @Override
  public void close() {
    // Clients first: a paused client could not read the server's close frame.
    FakeAgent.await(clients.close());
    FakeAgent.await(server.stop());
  }
}
