package app.octokube.bench.cluster;

import app.octokube.agent.Agent;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.link.AgentToken;
import app.octokube.agent.link.LinkConfig;
import app.octokube.agent.watch.NameFilter;
import app.octokube.agent.watch.WatchConfig;
import app.octokube.backend.Backend;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.server.BackendConfig;
import app.octokube.protocol.ClusterId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import io.vertx.core.http.WebSocketClient;
import java.time.Duration;

/**
 * Octokube as the benchmarks run it: the real Backend and the real Agent, in this process, linked
 * over loopback by the production WebSocket, with a policy granting {@code users} users (each
 * with an API token) a view of everything but secrets. The Agent and the Backend each get their
 * own Vert.x, as two processes would.
 */
final class OctokubeStack implements AutoCloseable {
  static final String CLUSTER = "sim";

  private final Vertx backendVertx;
  private final Vertx agentVertx;
  private final Backend backend;
  private final Agent agent;
  private final Path policyDir;
  private final List<String> tokens;

  private OctokubeStack(Vertx backendVertx, Vertx agentVertx, Backend backend, Agent agent, Path policyDir,
      List<String> tokens) {
    this.backendVertx = backendVertx;
    this.agentVertx = agentVertx;
    this.backend = backend;
    this.agent = agent;
    this.policyDir = policyDir;
    this.tokens = tokens;
  }

  /**
   * Starts a Backend and an Agent watching the cluster through {@code apiserver}.
   *
   * @param apiserver the cluster's client for the Agent; not closed by {@link #close()}
   * @param resources the resource types the Agent watches (kubectl names), or empty for every
   *     type it knows, as it runs by default
   * @param users how many users the policy defines; {@link #token(int)} gives each one's token
   */
  static OctokubeStack start(KubernetesClient apiserver, List<String> resources, int users) throws Exception {
    Path dir = Files.createTempDirectory("octokube-bench-");
    Vertx backendVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx agentVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Backend backend = null;
    try {
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        tokens.add("okt_bench_" + i + "_" + Tokens.random());
      }
      Path policy = dir.resolve("policy.yaml");
      Files.writeString(policy, policy(tokens));
      String agentToken = Tokens.random();
      BackendConfig config = BackendConfig.of("127.0.0.1", 0, Set.of(),
          AgentTokens.fromHashes(Map.of(ClusterId.of(CLUSTER), AgentTokens.sha256Hex(agentToken))));
      backend = Backend.start(backendVertx, config, PolicyFile.watch(backendVertx, policy), false);
      WatchConfig watch = Agent.builtinWatchConfig();
      if (!resources.isEmpty()) {
        watch = watch.withResources(NameFilter.of(resources, List.of()));
      }
      Agent agent = Agent.start(apiserver, agentVertx, QueueConfig.DEFAULTS, watch,
          LinkConfig.of("ws://127.0.0.1:" + backend.port()), AgentToken.of(agentToken));
      return new OctokubeStack(backendVertx, agentVertx, backend, agent, dir, List.copyOf(tokens));
    } catch (Exception | Error e) {
      if (backend != null) {
        backend.close();
      }
      close(backendVertx);
      close(agentVertx);
      Tokens.deleteTree(dir);
      throw e;
    }
  }

  /** Every user may view everything but secrets, in every namespace of every cluster. */
  private static String policy(List<String> tokens) {
    StringBuilder yaml = new StringBuilder("users:\n");
    for (int i = 0; i < tokens.size(); i++) {
      yaml.append("  - name: ").append(user(i)).append('\n')
          .append("    tokens: [\"sha256:").append(AgentTokens.sha256Hex(tokens.get(i))).append("\"]\n");
    }
    yaml.append("teams:\n  - name: bench\n    members: [");
    for (int i = 0; i < tokens.size(); i++) {
      yaml.append(i == 0 ? "" : ", ").append(user(i));
    }
    yaml.append("]\n")
        .append("roles:\n  - name: viewer\n    allow:\n      - resources: [\"*\"]\n        verbs: [view]\n")
        .append("bindings:\n  - role: viewer\n    subjects: [\"team:bench\"]\n");
    return yaml.toString();
  }

  private static String user(int i) {
    return String.format("user-%04d", i);
  }

  /**
   * Waits until the Backend tells a new client that the Agent is connected and serves
   * {@code resources}: clients that subscribe before would be told the types do not exist.
   *
   * @throws app.octokube.bench.suite.ScenarioFailure if that does not happen within {@code timeout}
   */
  void awaitServing(WebSocketClient sockets, List<String> resources, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StreamClient probe = new StreamClient(CLUSTER, resources, (r, o, t) -> { });
      try {
        Waits.await(probe.connectOnly(sockets, port(), token(0)), timeout, "a client connecting to the Backend");
        long helloDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!probe.helloServesAll() && System.nanoTime() < helloDeadline) {
          Thread.sleep(20);
        }
        if (probe.helloServesAll()) {
          return;
        }
      } finally {
        Waits.quietly(probe.close());
      }
      if (System.nanoTime() > deadline) {
        throw new app.octokube.bench.suite.ScenarioFailure("the Agent did not connect to the Backend and serve "
            + resources + " within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  int port() {
    return backend.port();
  }

  String token(int user) {
    return tokens.get(user);
  }

  Agent agent() {
    return agent;
  }

  @Override
  public void close() throws Exception {
    try {
      agent.close();
      backend.close();
    } finally {
      close(agentVertx);
      close(backendVertx);
      Tokens.deleteTree(policyDir);
    }
  }

  private static void close(Vertx vertx) {
    Waits.quietly(vertx.close());
  }
}
