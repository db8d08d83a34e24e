package app.octokube.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.agent.Agent;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.link.AgentToken;
import app.octokube.agent.link.LinkConfig;
import app.octokube.backend.Backend;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.rbac.Access;
import app.octokube.backend.server.BackendConfig;
import app.octokube.protocol.ClusterId;
import app.octokube.sim.SimConfig;
import app.octokube.sim.SimulatedCluster;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Guarantee 2 (consistency) end to end, over real sockets, with a real Agent watching the
 * simulated apiserver and a real Backend enforcing a random policy: at every version that a user
 * and {@code admin} both reach, the user's state of {@code pods} equals admin's state at that
 * version filtered by the user's rules, as the pure evaluator decides them.
 *
 * <p>Each try draws, from its seed, a policy (see {@link RandomPolicy}), the churn of the simulated
 * cluster, and a stream of relabels of {@code tier} made through the apiserver, so pods enter and
 * leave the users' label selectors. Every client keeps its state by the client's rule of
 * docs/protocol.md and records it after each message it applies.
 */
class FilteredStateConsistencyPropertyTest {
  private static final Duration CHURN = Duration.ofSeconds(8);
  private static final int MIN_COMMON_VERSIONS = 5;
  private static final List<String> TIERS = List.of("web", "api", "db");

  @Property(tries = 4, shrinking = ShrinkingMode.OFF)
  void everyUsersStateIsTheAdminsStateFilteredByTheirRules(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    RandomPolicy policy = RandomPolicy.generate(random);
    System.out.printf("%n[consistency] seed %d, policy:%n%s", seed, policy.yaml());
    long started = System.nanoTime();
    Path dir = Files.createTempDirectory("octokube-consistency-");
    Path policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile, policy.yaml());

    String agentToken = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "-agent";
    SimConfig base = SimConfig.demo().withPods(100).withChurn(30);
    SimulatedCluster cluster = SimulatedCluster.start(
        new SimConfig(base.pods(), base.nodes(), base.churnPerSecond(), random.nextLong()), percent -> {});
    Vertx vertx = Vertx.vertx();
    HttpClient http = HttpClient.newHttpClient();
    Backend backend = null;
    Agent agent = null;
    List<ModelClient> clients = new ArrayList<>();
    Throwable thrown = null;
    try {
      int port = freePort();
      backend = Backend.start(vertx,
          BackendConfig.of("127.0.0.1", port, Set.of(),
              AgentTokens.fromHashes(Map.of(ClusterId.of(RandomPolicy.CLUSTER), AgentTokens.sha256Hex(agentToken)))),
          PolicyFile.watch(vertx, policyFile), true);
      agent = Agent.start(cluster.client(), vertx, QueueConfig.DEFAULTS, Agent.builtinWatchConfig(),
          LinkConfig.of("ws://127.0.0.1:" + port), AgentToken.of(agentToken));
      awaitPodsListed(http, port);

      ModelClient admin = ModelClient.connect(http, port, RandomPolicy.ADMIN);
      clients.add(admin);
      Map<String, ModelClient> users = new HashMap<>();
      for (String user : policy.users()) {
        ModelClient client = ModelClient.connect(http, port, user);
        users.put(user, client);
        clients.add(client);
      }
      clients.forEach(ModelClient::subscribe);
      await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(ModelClient::hasSnapshot));

      int relabels = relabelWhile(cluster.client(), new Random(random.nextLong()), CHURN);
      clients.forEach(ModelClient::stopRecording);

      System.out.printf("[consistency] seed %d: %d relabels, %d churn changes%n", seed, relabels, cluster.churnChanges());
      clients.forEach(c -> System.out.println("[consistency]   " + c.summary()));
      for (ModelClient client : clients) {
        assertThat(client.problems()).as("seed %d: what %s received", seed, client.user).isEmpty();
      }

      Map<String, Map<String, JsonNode>> adminStates = admin.reached();
      boolean someoneSawLess = false;
      for (String user : policy.users()) {
        Access access = policy.policy().access(user, RandomPolicy.CLUSTER, Instant.now());
        Map<String, Map<String, JsonNode>> userStates = users.get(user).reached();
        TreeSet<String> common = new TreeSet<>(userStates.keySet());
        common.retainAll(adminStates.keySet());
        List<String> mismatches = new ArrayList<>();
        for (String version : common) {
          Map<String, JsonNode> expected = filtered(adminStates.get(version), access);
          Map<String, JsonNode> actual = userStates.get(version);
          if (!actual.equals(expected)) {
            mismatches.add(describe(version, expected, actual));
          }
          someoneSawLess |= actual.size() < adminStates.get(version).size();
        }
        System.out.printf("[consistency]   %s: %d versions in common with admin, %d mismatches%n",
            user, common.size(), mismatches.size());
        assertThat(mismatches)
            .as("seed %d: %s's state differs from admin's filtered by %s's rules at these versions (of %d in common); policy:%n%s",
                seed, user, user, common.size(), policy.yaml())
            .isEmpty();
        assertThat(common.size())
            .as("seed %d: versions both %s and admin reached", seed, user)
            .isGreaterThanOrEqualTo(MIN_COMMON_VERSIONS);
      }
      assertThat(someoneSawLess).as("seed %d: some user saw fewer pods than admin", seed).isTrue();
      System.out.printf("[consistency] seed %d passed in %d ms%n", seed, (System.nanoTime() - started) / 1_000_000);
    } catch (Throwable failure) {
      thrown = failure;
      throw failure;
    } finally {
      // Closing must never hide what the try found, so each part is closed on its own.
      Backend openBackend = backend;
      Agent openAgent = agent;
      closeQuietly(thrown, "clients", () -> clients.forEach(ModelClient::close));
      closeQuietly(thrown, "agent", () -> {
        if (openAgent != null) {
          openAgent.close();
        }
      });
      closeQuietly(thrown, "backend", () -> {
        if (openBackend != null) {
          openBackend.close();
        }
      });
      closeQuietly(thrown, "vertx", () -> vertx.close().toCompletionStage().toCompletableFuture().join());
      closeQuietly(thrown, "simulated cluster", cluster::close);
      closeQuietly(thrown, "policy file", () -> {
        Files.deleteIfExists(policyFile);
        Files.deleteIfExists(dir);
      });
    }
  }

  private interface Closing {
    void run() throws Exception;
  }

  /**
   * Closes one part. A failure to close is attached to the try's failure if there is one; after a
   * passing try it is only reported, since tearing down the harness is not what this test checks.
   */
  private static void closeQuietly(Throwable thrown, String what, Closing closing) {
    try {
      closing.run();
    } catch (Exception e) {
      if (thrown != null) {
        thrown.addSuppressed(e);
      } else {
        System.err.println("[consistency] closing the " + what + " failed: " + e);
      }
    }
  }

  /** Admin's state keeping what the evaluator lets the user see. */
  private static Map<String, JsonNode> filtered(Map<String, JsonNode> adminState, Access access) {
    Map<String, JsonNode> visible = new HashMap<>();
    adminState.forEach((key, object) -> {
      JsonNode metadata = object.path("metadata");
      Map<String, String> labels = new HashMap<>();
      metadata.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      if (access.mayView("pods", metadata.path("namespace").asText(), metadata.path("name").asText(), labels)) {
        visible.put(key, object);
      }
    });
    return visible;
  }

  private static String describe(String version, Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
    TreeSet<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    TreeSet<String> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    TreeSet<String> differing = new TreeSet<>();
    expected.forEach((key, object) -> {
      if (actual.containsKey(key) && !actual.get(key).equals(object)) {
        differing.add(key);
      }
    });
    String sample = differing.isEmpty() ? ""
        : "; e.g. " + differing.first() + " expected labels " + expected.get(differing.first()).path("metadata").path("labels")
            + " rv " + expected.get(differing.first()).path("metadata").path("resourceVersion")
            + ", got labels " + actual.get(differing.first()).path("metadata").path("labels")
            + " rv " + actual.get(differing.first()).path("metadata").path("resourceVersion");
    return "at %s: %d expected, %d held; missing %s, unexpected %s, different content %s%s".formatted(
        version, expected.size(), actual.size(), first(missing), first(extra), first(differing), sample);
  }

  private static String first(TreeSet<String> keys) {
    return keys.size() <= 5 ? keys.toString() : new ArrayList<>(keys).subList(0, 5) + " and " + (keys.size() - 5) + " more";
  }

  /**
   * Relabels random pods' {@code tier} (or removes it) a few times a second for the given time,
   * through the apiserver, as a controller would. A pod the churn just replaced is skipped.
   */
  private static int relabelWhile(KubernetesClient client, Random random, Duration duration) throws InterruptedException {
    AtomicInteger done = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      String namespace = RandomPolicy.NAMESPACES.get(random.nextInt(RandomPolicy.NAMESPACES.size()));
      try {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        if (!pods.isEmpty()) {
          String name = pods.get(random.nextInt(pods.size())).getMetadata().getName();
          int choice = random.nextInt(TIERS.size() + 1);
          client.pods().inNamespace(namespace).withName(name).edit(p -> {
            Map<String, String> labels = p.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(p.getMetadata().getLabels());
            if (choice == TIERS.size()) {
              labels.remove("tier");
            } else {
              labels.put("tier", TIERS.get(choice));
            }
            p.getMetadata().setLabels(labels);
            return p;
          });
          done.incrementAndGet();
        }
      } catch (RuntimeException e) {
        // Raced the churn (the pod was replaced); the next round picks another.
      }
      Thread.sleep(100 + random.nextInt(200));
    }
    return done.get();
  }

  /** Waits until the Backend's hello lists pods: the Agent's first lists have landed. */
  private static void awaitPodsListed(HttpClient http, int port) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      ModelClient probe = ModelClient.connect(http, port, RandomPolicy.ADMIN);
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.messages() > 0);
        return probe.helloListsPods();
      } finally {
        probe.close();
      }
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
