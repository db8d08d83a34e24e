package app.octokube.app;

import app.octokube.agent.Agent;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.link.AgentToken;
import app.octokube.agent.link.LinkConfig;
import app.octokube.backend.Backend;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.server.BackendConfig;
import app.octokube.backend.server.BackendServer;
import app.octokube.protocol.ClusterId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A Backend and an Agent in one process, linked over loopback through the same WebSocket and code
 * as in production: what {@code demo} and {@code up} run. The policy is an ordinary file,
 * watched like any other.
 */
final class LocalStack implements AutoCloseable {
  private final KubernetesClient client;
  private final Vertx vertx;
  private final Backend backend;
  private final Path policy;
  private final String agentToken;
  private volatile Agent agent;

  private LocalStack(KubernetesClient client, Vertx vertx, Backend backend, Agent agent, Path policy, String agentToken) {
    this.client = client;
    this.vertx = vertx;
    this.backend = backend;
    this.agent = agent;
    this.policy = policy;
    this.agentToken = agentToken;
  }

  /**
   * @param port 0 picks a free port
   * @param demoMode accept the demo's well-known credentials
   */
  static LocalStack start(KubernetesClient client, ClusterId cluster, String host, int port, String policyYaml,
      boolean demoMode) throws Exception {
    int bound = port == 0 ? freePort() : port;
    Vertx vertx = BackendServer.newVertx();
    try {
      Path policy = Files.createTempDirectory("octokube-").resolve("policy.yaml");
      Files.writeString(policy, policyYaml);
      String agentToken = randomToken();
      Set<String> origins = Set.of("http://127.0.0.1:" + bound, "http://localhost:" + bound);
      BackendConfig config = BackendConfig.of(host, bound, origins,
          AgentTokens.fromHashes(Map.of(cluster, AgentTokens.sha256Hex(agentToken))));
      Backend backend = Backend.start(vertx, config, PolicyFile.watch(vertx, policy), demoMode);
      Agent agent = startAgent(client, vertx, backend, agentToken);
      return new LocalStack(client, vertx, backend, agent, policy, agentToken);
    } catch (Exception | Error e) {
      vertx.close();
      throw e;
    }
  }

  private static Agent startAgent(KubernetesClient client, Vertx vertx, Backend backend, String token) {
    return Agent.start(client, vertx, QueueConfig.DEFAULTS, Agent.builtinWatchConfig(),
        LinkConfig.of("ws://127.0.0.1:" + backend.port()), AgentToken.of(token));
  }

  Backend backend() {
    return backend;
  }

  Agent agent() {
    return agent;
  }

  Path policy() {
    return policy;
  }

  String url() {
    return "http://127.0.0.1:" + backend.port() + "/";
  }

  /**
   * Stops the Agent and starts a new one, as a pod restart would: a new epoch, version 0 and a
   * full relist, which every connected client detects and repairs by itself.
   */
  synchronized void restartAgent() throws InterruptedException {
    agent.close();
    agent = startAgent(client, vertx, backend, agentToken);
  }

  @Override
  public void close() throws Exception {
    agent.close();
    backend.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** A random secret of 256 bits, hex-encoded. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static int freePort() throws IOException {
    // The Backend's origin allowlist names its port, so the port is chosen before it binds.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
