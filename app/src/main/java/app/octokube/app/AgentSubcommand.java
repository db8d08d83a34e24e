package app.octokube.app;

import app.octokube.agent.Agent;
import app.octokube.agent.link.AgentOptions;
import app.octokube.agent.watch.NameFilter;
import app.octokube.agent.watch.WatchConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code octokube agent}: the in-cluster Agent, watching one cluster for one Backend. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Agent: watch one cluster and stream it to the Backend.",
      "One watch per resource type; the versioned, reduced state goes over one outbound",
      "connection to the Backend. Needs only get, list and watch",
      "(deploy/agent-clusterrole.yaml). Every option can also be set by the environment variable",
      "shown, e.g. OCTOKUBE_BACKEND_URL."
    },
    sortOptions = false)
final class AgentSubcommand implements Callable<Integer> {

  @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_KUBECONFIG}",
      description = "Kubeconfig to use (env OCTOKUBE_KUBECONFIG). Default: KUBECONFIG, ~/.kube/config, "
          + "then the service account of the pod the Agent runs in.")
  Path kubeconfig;

  @Option(names = "--context", defaultValue = "${env:OCTOKUBE_CONTEXT}",
      description = "Kubeconfig context (env OCTOKUBE_CONTEXT). Default: the current context.")
  String context;

  @Option(names = AgentOptions.BACKEND_URL, paramLabel = "URL", defaultValue = "${env:OCTOKUBE_BACKEND_URL}",
      description = "The Backend, wss://host[:port] (or ws:// for local use) (env OCTOKUBE_BACKEND_URL). Required.")
  String backendUrl;

  @Option(names = AgentOptions.TOKEN_FILE, paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_TOKEN_FILE}",
      description = "File holding this cluster's agent token, re-read at every connection (env OCTOKUBE_TOKEN_FILE). Required.")
  Path tokenFile;

  @Option(names = AgentOptions.CA_FILE, paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_CA_FILE}",
      description = "PEM CA certificates to trust for wss:// (env OCTOKUBE_CA_FILE). Default: the JVM's trust store.")
  Path caFile;

  @Option(names = "--include-resources", split = ",", paramLabel = "GLOB",
      defaultValue = "${env:OCTOKUBE_INCLUDE_RESOURCES}",
      description = "Watch only these resource types, kubectl names or globs, e.g. pods,deployments.apps,*.example.com. Default: all.")
  List<String> includeResources;

  @Option(names = "--exclude-resources", split = ",", paramLabel = "GLOB",
      defaultValue = "${env:OCTOKUBE_EXCLUDE_RESOURCES}",
      description = "Never watch these resource types. Excluding customresourcedefinitions.apiextensions.k8s.io turns CRD discovery off.")
  List<String> excludeResources;

  @Option(names = "--include-namespaces", split = ",", paramLabel = "GLOB",
      defaultValue = "${env:OCTOKUBE_INCLUDE_NAMESPACES}",
      description = "Keep only objects in these namespaces (still one watch per type). Default: all.")
  List<String> includeNamespaces;

  @Option(names = "--exclude-namespaces", split = ",", paramLabel = "GLOB",
      defaultValue = "${env:OCTOKUBE_EXCLUDE_NAMESPACES}",
      description = "Drop objects in these namespaces.")
  List<String> excludeNamespaces;

  @Option(names = AgentOptions.REPLAY_MAX_DELTAS, paramLabel = "N", defaultValue = "10000",
      description = "Deltas kept for resuming a dropped link (default: ${DEFAULT-VALUE}).")
  int replayMaxDeltas;

  @Option(names = AgentOptions.REPLAY_MAX_BYTES, paramLabel = "SIZE", defaultValue = "64Mi",
      description = "Bytes the replay log keeps at most, e.g. 64Mi (default: ${DEFAULT-VALUE}).")
  String replayMaxBytes;

  @Option(names = AgentOptions.OUTBOX_MAX_DELTAS, paramLabel = "N", defaultValue = "4096",
      description = "Deltas waiting for a slow link at most; past it the link resumes (default: ${DEFAULT-VALUE}).")
  int outboxMaxDeltas;

  @Option(names = AgentOptions.OUTBOX_MAX_BYTES, paramLabel = "SIZE", defaultValue = "16Mi",
      description = "Bytes waiting for a slow link at most (default: ${DEFAULT-VALUE}).")
  String outboxMaxBytes;

  @Option(names = AgentOptions.HEARTBEAT_INTERVAL, paramLabel = "DURATION", defaultValue = "5s",
      description = "Ping the Backend this often (default: ${DEFAULT-VALUE}).")
  String heartbeatInterval;

  @Option(names = AgentOptions.HEARTBEAT_TIMEOUT, paramLabel = "DURATION", defaultValue = "15s",
      description = "A link silent this long is dead and reconnects (default: ${DEFAULT-VALUE}).")
  String heartbeatTimeout;

  @Override
  public Integer call() throws Exception {
    AgentOptions.Valid valid;
    try {
      valid = options().validate();
    } catch (AgentOptions.Invalid e) {
      throw new BadConfiguration("cannot start:" + System.lineSeparator() + "  "
          + String.join(System.lineSeparator() + "  ", e.problems()));
    }
    WatchConfig watch = Agent.builtinWatchConfig()
        .withResources(NameFilter.of(orEmpty(includeResources), orEmpty(excludeResources)))
        .withNamespaces(NameFilter.of(orEmpty(includeNamespaces), orEmpty(excludeNamespaces)));
    KubernetesClient client = KubeClients.connect(kubeconfig, context);
    Vertx vertx = Vertx.vertx();
    Agent agent = Agent.start(client, vertx, valid.queue(), watch, valid.link(), valid.token());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        agent.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        vertx.close();
        client.close();
        stopped.countDown();
      }
    }, "octokube-shutdown"));
    stopped.await();
    return 0;
  }

  private AgentOptions options() {
    try {
      return new AgentOptions(backendUrl, tokenFile, caFile,
          AgentOptions.parseDuration(AgentOptions.HEARTBEAT_INTERVAL, heartbeatInterval),
          AgentOptions.parseDuration(AgentOptions.HEARTBEAT_TIMEOUT, heartbeatTimeout),
          replayMaxDeltas, AgentOptions.parseBytes(AgentOptions.REPLAY_MAX_BYTES, replayMaxBytes),
          outboxMaxDeltas, AgentOptions.parseBytes(AgentOptions.OUTBOX_MAX_BYTES, outboxMaxBytes));
    } catch (IllegalArgumentException e) {
      throw new BadConfiguration(e.getMessage());
    }
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
