package app.octokube.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes cluster in a box, for the demo, the tests and the benchmarks: fabric8's mock
 * apiserver in CRUD mode, listening on 127.0.0.1 over real HTTP (lists, watches, creates and
 * deletes behave as the API does), seeded like a real cluster and kept live by a churn generator.
 */
public final class SimulatedCluster implements AutoCloseable {
  /**
   * The mock server logs every request through java.util.logging at INFO; a churning demo would
   * print several lines a second. Held here so the setting is not garbage collected with the
   * logger.
   */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Churn churn;

  private SimulatedCluster(KubernetesMockServer server, KubernetesClient client, Churn churn) {
    this.server = server;
    this.client = client;
    this.churn = churn;
  }

  /**
   * Starts the apiserver, seeds it (reporting progress in percent) and starts the churn.
   *
   * @throws IllegalStateException if the apiserver cannot start or seeding fails
   */
  public static SimulatedCluster start(SimConfig config, IntConsumer progress) throws InterruptedException {
    // CRUD mode: the dispatcher keeps objects and serves lists and watches from them. Plain HTTP
    // on loopback: nothing leaves the machine, and the Agent needs no CA for it.
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of(ClusterSeed.WIDGETS)), false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("cannot resolve the loopback address", e);
    }
    KubernetesClient client = server.createClient();
    RealisticPods pods = new RealisticPods(ClusterSeed.NAMESPACES.toArray(String[]::new), config.nodes());
    try {
      new ClusterSeed(client, pods, config).seed(progress);
    } catch (RuntimeException | InterruptedException e) {
      client.close();
      server.destroy();
      throw e;
    }
    Churn churn = new Churn(client, pods, config);
    churn.start();
    return new SimulatedCluster(server, client, churn);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** A client of the simulated apiserver (for the Agent, or a test acting as a controller). */
  public KubernetesClient client() {
    return client;
  }

  /** The apiserver's URL, e.g. {@code http://localhost:40123/}. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** The underlying mock server, for tests that count requests or script failures. */
  public KubernetesMockServer server() {
    return server;
  }

  /** Changes the churn made so far. */
  public long churnChanges() {
    return churn.changes();
  }

  @Override
  public void close() {
    churn.close();
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // The mock server waits a few seconds for open connections (a watch being torn down) and
      // then gives up; its threads go with the process, so a slow stop is not worth failing for.
      LoggerFactory.getLogger(SimulatedCluster.class).warn("the simulated apiserver did not stop in time: {}",
          e.getMessage());
    }
  }
}
