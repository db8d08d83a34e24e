package app.octokube.bench.cluster;

import app.octokube.sim.SimConfig;
import app.octokube.sim.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Comparator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A simulated apiserver with a counting proxy in front ({@link ReverseProxy}), and a client that
 * goes through the proxy for whoever should be counted. The cluster is seeded as usual, then
 * trimmed to {@code pods} pods, without churn.
 *
 * <p>Why trimmed and still: fabric8's mock starts a thread per watch and replays every object to
 * it with one awaited write per object, and a watch closed while an event is in flight blocks its
 * event loop (WatchEventsListener.onClosed waits for the watch's executor). Counting thousands of
 * watches needs them cheap; the counts do not depend on the objects.
 */
final class MeteredApiserver implements AutoCloseable {
  private static final long STOP_MILLIS = 30_000;

  private final SimulatedCluster sim;
  private final Vertx vertx;
  private final ReverseProxy meter;
  private final KubernetesClient metered;

  private MeteredApiserver(SimulatedCluster sim, Vertx vertx, ReverseProxy meter, KubernetesClient metered) {
    this.sim = sim;
    this.vertx = vertx;
    this.meter = meter;
    this.metered = metered;
  }

  static MeteredApiserver start(int pods) throws InterruptedException {
    SimulatedCluster sim = SimulatedCluster.start(new SimConfig(SimConfig.MIN_PODS, 3, 0, 42), percent -> { });
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      List<Pod> all = sim.client().pods().inAnyNamespace().list().getItems().stream()
          .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
          .toList();
      for (Pod pod : all.subList(Math.min(pods, all.size()), all.size())) {
        sim.client().resource(pod).delete();
      }
      ReverseProxy meter = ReverseProxy.start(vertx, sim.url());
      KubernetesClient metered = new KubernetesClientBuilder()
          .withConfig(new ConfigBuilder(sim.client().getConfiguration()).withMasterUrl(meter.url()).build())
          .build();
      return new MeteredApiserver(sim, vertx, meter, metered);
    } catch (RuntimeException | Error e) {
      Waits.quietly(vertx.close());
      sim.close();
      throw e;
    }
  }

  /** A client whose every request is counted. */
  KubernetesClient metered() {
    return metered;
  }

  /** The meter's URL, for a proxy that should be counted. */
  String url() {
    return meter.url();
  }

  ApiCounters counters() {
    return meter.counters();
  }

  /**
   * Stops the apiserver first, then the meter: the mock tears its watches down with its own
   * event loops gone rather than one blocking close at a time. Bounded: a mock that does not stop
   * within 30 s is left to its threads, and a line says so.
   */
  @Override
  public void close() {
    metered.close();
    Thread stopper = new Thread(sim::close, "octokube-bench-apiserver-stop");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(STOP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      LoggerFactory.getLogger(MeteredApiserver.class).warn("the simulated apiserver did not stop within {} ms",
          STOP_MILLIS);
    }
    meter.close();
    Waits.quietly(vertx.close());
  }
}
