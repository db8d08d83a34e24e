package app.octokube.app;

import app.octokube.backend.Backend;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.rbac.PolicyException;
import app.octokube.backend.server.BackendConfig;
import app.octokube.backend.server.BackendServer;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.ClusterId;
import io.netty.channel.unix.Errors;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code octokube backend}: the shared Backend that Agents connect to and the IDE talks to. */
@Command(
    name = "backend",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Backend: Agents connect to it, people use the IDE it serves.",
      "Accepts Agents, signs people in, enforces Virtual RBAC and streams each user's share of",
      "every cluster to the Web IDE. Every option can also be set by the environment variable shown."
    },
    sortOptions = false)
final class BackendSubcommand implements Callable<Integer> {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  @Option(names = "--host", defaultValue = "${env:OCTOKUBE_LISTEN_HOST:-0.0.0.0}",
      description = "Address to bind (env OCTOKUBE_LISTEN_HOST; default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "${env:OCTOKUBE_LISTEN_PORT:-8080}",
      description = "Port for the IDE, the API and the Agents (env OCTOKUBE_LISTEN_PORT; not OCTOKUBE_PORT, which Kubernetes sets for a Service named octokube; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--policy", paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_POLICY}",
      description = "The Virtual RBAC policy (env OCTOKUBE_POLICY). Watched: edits take effect within a second; "
          + "a file that does not parse is refused and the last good one stays. Required.")
  Path policy;

  @Option(names = "--agent-tokens", paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_AGENT_TOKENS}",
      description = "One line per cluster, 'CLUSTER: SHA256HEX', the SHA-256 of that cluster's agent token "
          + "(env OCTOKUBE_AGENT_TOKENS). The token decides the cluster. Required.")
  Path agentTokens;

  @Option(names = "--allowed-origin", paramLabel = "URL", split = ",",
      defaultValue = "${env:OCTOKUBE_ALLOWED_ORIGINS}",
      description = "Web origin whose pages may open streams, e.g. https://octokube.example.com; repeatable "
          + "(env OCTOKUBE_ALLOWED_ORIGINS, comma-separated). Required for browsers.")
  List<String> allowedOrigins;

  @Option(names = "--max-streams-per-user", defaultValue = "16",
      description = "Open streams one user may have (default: ${DEFAULT-VALUE}).")
  int maxStreamsPerUser;

  @Option(names = "--max-subscriptions", defaultValue = "256",
      description = "Subscriptions per stream (default: ${DEFAULT-VALUE}).")
  int maxSubscriptions;

  @Option(names = "--client-buffer", paramLabel = "SIZE", defaultValue = "4Mi",
      description = "Bytes a slow client may have waiting before it is dropped and resynced (default: ${DEFAULT-VALUE}).")
  String clientBuffer;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BackendConfig config = config();
    Vertx vertx = BackendServer.newVertx();
    Backend backend;
    try {
      backend = Backend.start(vertx, config, loadPolicy(vertx), false);
    } catch (Exception e) {
      vertx.close();
      String bind = bindFailure(e);
      if (bind != null) {
        spec.commandLine().getErr().println("octokube backend: cannot listen on " + config.host() + ":"
            + config.port() + ": " + bind + "; choose another --port or stop what holds it");
        spec.commandLine().getErr().flush();
        return Octokube.EXIT_FAILURE;
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        backend.close();
      } catch (Exception e) {
        System.err.println("octokube backend: stopping: " + e.getMessage());
      } finally {
        vertx.close();
        stopped.countDown();
      }
    }, "octokube-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * What stopped the Backend from listening, if that is what {@code e} says: Java's
   * {@code BindException}, or the native transport's error from {@code bind(2)}
   * ("bind(..) failed with error(-98): Address already in use"), both as the system words it.
   */
  private static String bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException bind) {
        return bind.getMessage();
      }
      if (t instanceof Errors.NativeIoException error && error.getMessage().startsWith("bind(")) {
        String message = error.getMessage();
        return message.substring(message.lastIndexOf(": ") + 2);
      }
    }
    return null;
  }

  BackendConfig config() {
    if (port < 0 || port > 65535) {
      throw new BadConfiguration("--port must be between 0 and 65535, got " + port);
    }
    Set<String> origins = new LinkedHashSet<>(allowedOrigins == null ? List.of() : allowedOrigins);
    origins.removeIf(String::isBlank);
    try {
      StreamLimits limits = StreamLimits.DEFAULTS;
      limits = new StreamLimits(limits.maxRequestBytes(), maxStreamsPerUser, maxSubscriptions,
          limits.requestsPerSecond(), limits.requestBurst(), limits.maxConsecutiveRateLimited(),
          limits.maxConsecutiveBadFrames(),
          app.octokube.agent.link.AgentOptions.parseBytes("--client-buffer", clientBuffer),
          limits.writeHighWaterBytes(), limits.maxOverflows(), limits.overflowWindow(), limits.idleFlush(),
          limits.pingInterval(), limits.idleTimeout(), limits.snapshotTimeout(), limits.maxCatchUpBytes(),
          limits.outboundFrameBytes());
      return BackendConfig.of(host, port, origins, AgentTokens.fromHashes(tokens())).withLimits(limits);
    } catch (IllegalArgumentException e) {
      throw new BadConfiguration(e.getMessage());
    }
  }

  private PolicyFile loadPolicy(Vertx vertx) {
    if (policy == null) {
      throw new BadConfiguration("--policy is required: the Virtual RBAC policy file (docs/virtual-rbac.md)");
    }
    try {
      return PolicyFile.watch(vertx, policy);
    } catch (IOException e) {
      throw new BadConfiguration("--policy " + policy + " cannot be read: " + e.getMessage());
    } catch (PolicyException e) {
      throw new BadConfiguration("--policy " + policy + " is invalid: " + e.getMessage());
    }
  }

  private Map<ClusterId, String> tokens() {
    if (agentTokens == null) {
      throw new BadConfiguration("--agent-tokens is required: a file of 'CLUSTER: SHA256HEX' lines");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(agentTokens);
    } catch (IOException e) {
      throw new BadConfiguration("--agent-tokens " + agentTokens + " cannot be read: " + e.getMessage());
    }
    Map<ClusterId, String> hashes = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String hash = colon < 0 ? "" : line.substring(colon + 1).strip().replace("\"", "");
      String cluster = colon < 0 ? "" : line.substring(0, colon).strip();
      if (!HEX64.matcher(hash).matches()) {
        throw new BadConfiguration("--agent-tokens line " + (i + 1) + ": expected 'CLUSTER: SHA256HEX' "
            + "(64 lowercase hex digits, e.g. from: printf %s \"$TOKEN\" | sha256sum)");
      }
      try {
        if (hashes.put(ClusterId.of(cluster), hash) != null) {
          throw new BadConfiguration("--agent-tokens line " + (i + 1) + ": cluster " + cluster + " appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new BadConfiguration("--agent-tokens line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (hashes.isEmpty()) {
      throw new BadConfiguration("--agent-tokens " + agentTokens + " names no cluster");
    }
    return hashes;
  }
}
