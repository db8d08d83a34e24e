package app.octokube.bench.fanout;

import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One variant of the Backend under load: its JVM, the fake Agent and the clients on a Vert.x of
 * the load generator. {@link #step} runs one rate and measures it. Closing stops everything,
 * clients first.
 */
final class FanoutRig implements AutoCloseable {
  private final Vertx vertx;
  private final BackendJvm backend;
  private final LinkAgent agent;
  private final StreamClients clients;
  private final BenchPolicy policy;
  private final int[] fastPerClass;

  private FanoutRig(Vertx vertx, BackendJvm backend, LinkAgent agent, StreamClients clients, BenchPolicy policy,
      List<StreamClients.Mode> modes) {
    this.vertx = vertx;
    this.backend = backend;
    this.agent = agent;
    this.clients = clients;
    this.policy = policy;
    this.fastPerClass = new int[policy.classes()];
    for (int i = 0; i < modes.size(); i++) {
      if (modes.get(i) == StreamClients.Mode.FAST) {
        fastPerClass[policy.classOf(i)]++;
      }
    }
  }

  /**
   * Starts the Backend variant, connects the Agent with {@code podsPerClass} pods per namespace,
   * and the clients in {@code modes}, each subscribed and live.
   */
  static FanoutRig start(BackendJvm.Variant variant, BenchPolicy policy, List<StreamClients.Mode> modes,
      int podsPerClass, BackendJvm.Setup setup, Pinning pinning, Path logDir) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    BackendJvm backend = null;
    LinkAgent agent = null;
    StreamClients clients = null;
    try {
      backend = BackendJvm.start(variant, policy.file(), policy.agentTokenHash(), setup, pinning,
          logDir.resolve("backend-" + variant.name().toLowerCase() + ".log"));
      agent = new LinkAgent(vertx, backend.port(), policy.agentToken(), policy.classes());
      agent.start(podsPerClass);
      LinkAgent started = agent;
      StreamClients.awaitUntil(started::streamOpen, System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
          () -> "the Backend did not open the fake Agent's delta stream within 30 s");
      clients = new StreamClients(vertx, modes.size());
      clients.connect(backend.port(), policy, modes, 90);
      return new FanoutRig(vertx, backend, agent, clients, policy, modes);
    } catch (Exception | Error e) {
      closeAll(vertx, backend, agent, clients);
      throw e;
    }
  }

  BackendJvm backend() {
    return backend;
  }

  LinkAgent agent() {
    return agent;
  }

  StreamClients clients() {
    return clients;
  }

  /** What one step measured. */
  record Step(double offeredPerSecond, double sentPerSecond, boolean keptRate, double deliveredPerSecond,
      long deliveries, boolean complete, double p50, double p99, double max, double cpuSecondsPerMillion,
      double allocatedBytesPerDelivery, double backendCores) {

    /** Whether the Backend kept up: every delivery arrived, p99 under 100 ms, the generator kept the rate. */
    boolean passed() {
      return complete && p99 < 100 && keptRate;
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("offeredDeliveriesPerSecond", round(offeredPerSecond));
      map.put("sentDeliveriesPerSecond", round(sentPerSecond));
      map.put("generatorKeptTheRate", keptRate);
      map.put("deliveredPerSecond", round(deliveredPerSecond));
      map.put("deliveries", deliveries);
      map.put("allArrived", complete);
      map.put("p50Ms", round(p50));
      map.put("p99Ms", round(p99));
      map.put("maxMs", round(max));
      map.put("backendCpuSecondsPerMillionDeliveries", round(cpuSecondsPerMillion));
      map.put("backendBytesAllocatedPerDelivery", round(allocatedBytesPerDelivery));
      map.put("backendCoresBusy", round(backendCores));
      map.put("passed", passed());
      return map;
    }
  }

  static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : value;
  }

  /**
   * Sends changes for {@code seconds} at the rate that makes {@code deliveriesPerSecond} deliveries
   * to all clients, then waits up to 5 s for the fast clients to receive every change sent. Latency
   * counts changes sent after the first fifth of the step; CPU and allocations count the whole step.
   */
  Step step(double deliveriesPerSecond, double seconds, Settings settings, Scenario scenario) throws InterruptedException {
    double perChange = (double) policy.clients() / policy.classes();
    double changesPerSecond = deliveriesPerSecond / perChange;
    long[] before = sentPerClass();
    long fastBefore = clients.fastDeliveries();
    BackendStats start = backend.stats();
    long t0 = System.nanoTime();
    clients.recordFrom(t0 + (long) (seconds * 0.2e9));
    agent.pace(changesPerSecond);
    long end = t0 + (long) (seconds * 1e9);
    long nextSay = t0 + 10_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
      if (System.nanoTime() > nextSay) {
        settings.say(scenario, "  ... %.0f deliveries/s, %,d delivered so far", deliveriesPerSecond,
            clients.fastDeliveries() - fastBefore);
        nextSay += 10_000_000_000L;
      }
    }
    agent.stopPacing();
    double took = (System.nanoTime() - t0) / 1e9;
    long[] after = sentPerClass();
    long sentChanges = 0;
    long expectedFast = 0;
    for (int c = 0; c < after.length; c++) {
      sentChanges += after[c] - before[c];
      expectedFast += (after[c] - before[c]) * fastPerClass[c];
    }
    long target = fastBefore + expectedFast;
    boolean complete = StreamClients.waitFor(() -> clients.fastDeliveries() >= target,
        System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    BackendStats stop = backend.stats();
    long delivered = clients.fastDeliveries() - fastBefore;
    LatencyHistogram latencies = clients.histogram();
    double cpu = (stop.cpuNanos() - start.cpuNanos()) / 1e9;
    // The generator kept the rate if it sent 95% of the changes asked for, give or take two (a
    // timer tick at each end of a short, slow step).
    boolean kept = sentChanges + 2 >= 0.95 * changesPerSecond * seconds;
    return new Step(deliveriesPerSecond, sentChanges * perChange / took, kept, delivered / took, delivered, complete,
        latencies.quantileMillis(0.5), latencies.quantileMillis(0.99), latencies.quantileMillis(1.0),
        delivered == 0 ? Double.NaN : cpu / delivered * 1e6,
        delivered == 0 ? Double.NaN : (double) (stop.allocatedBytes() - start.allocatedBytes()) / delivered,
        cpu / ((System.nanoTime() - t0) / 1e9));
  }

  private long[] sentPerClass() {
    long[] sent = new long[policy.classes()];
    for (int c = 0; c < sent.length; c++) {
      sent[c] = agent.sent(c);
    }
    return sent;
  }

  /**
   * Rates from {@code first}, each {@code factor} times the previous, until two rates in a row
   * failed or {@code steps} rates ran. A failed step is run once more before its rate counts as
   * failed, and a failed rate followed by a passing one does not stop the ramp: on a shared machine
   * a step can fail for reasons of its own (a waking thread waits longest when the load is lowest).
   * Every step is recorded; the top rate is the highest that passed.
   */
  static List<Step> ramp(FanoutRig rig, double first, double factor, int steps, double seconds, String label,
      Settings settings, Scenario scenario) throws InterruptedException {
    List<Step> results = new java.util.ArrayList<>();
    // Unmeasured: the JIT compiles both JVMs' hot paths before the first step counts.
    rig.step(first, seconds, settings, scenario);
    double rate = first;
    int failedInARow = 0;
    for (int i = 0; i < steps && failedInARow < 2; i++) {
      Step step = rig.step(rate, seconds, settings, scenario);
      results.add(step);
      if (!step.passed()) {
        settings.say(scenario, "%s: %,.0f deliveries/s offered, %,.0f delivered/s, p99 %.1f ms - over the limit, "
            + "trying once more", label, rate, step.deliveredPerSecond(), step.p99());
        step = rig.step(rate, seconds, settings, scenario);
        results.add(step);
      }
      failedInARow = step.passed() ? 0 : failedInARow + 1;
      settings.say(scenario, "%s: %,.0f deliveries/s offered, %,.0f delivered/s, p99 %.1f ms%s", label, rate,
          step.deliveredPerSecond(), step.p99(), step.passed() ? "" : " - over the limit");
      rate *= factor;
    }
    return results;
  }

  /** The highest offered rate that passed, or 0. */
  static double maxPassed(List<Step> steps) {
    return steps.stream().filter(Step::passed).mapToDouble(Step::offeredPerSecond).max().orElse(0);
  }

  @Override
  public void close() throws InterruptedException {
    closeAll(vertx, backend, agent, clients);
  }

  private static void closeAll(Vertx vertx, BackendJvm backend, LinkAgent agent, StreamClients clients)
      throws InterruptedException {
    try {
      if (clients != null) {
        clients.close();
      }
      if (agent != null) {
        agent.close();
      }
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Vert.x's threads are daemons; a close that hangs leaves nothing running for long.
      } finally {
        if (backend != null) {
          backend.close();
        }
      }
    }
  }
}
