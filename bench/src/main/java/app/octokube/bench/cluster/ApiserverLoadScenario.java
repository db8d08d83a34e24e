package app.octokube.bench.cluster;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import app.octokube.sim.SimConfig;
import app.octokube.sim.SimulatedCluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: apiserver load against team size. 1, 10, 100 and 500 users each view five
 * resources; every request that reaches the simulated apiserver passes a counting proxy in front
 * of it ({@link ReverseProxy} as a meter), which counts lists, watches and the watches open.
 *
 * <p>Octokube: the real Agent and Backend, the Agent watching the five viewed types; the users are
 * WebSocket clients of the Backend, each subscribed to the five. Baseline: one list and one watch
 * per user per view through a per-user-forwarding proxy, as Headlamp's backend and Lens's proxy
 * work. Each step starts from nothing (a fresh Agent and Backend, or a fresh proxy) and counts
 * from then until every user is live plus a short hold, so that "requests" means everything the
 * apiserver served to bring N users up.
 */
public final class ApiserverLoadScenario implements Scenario {
  private static final List<Integer> FULL_USERS = List.of(1, 10, 100, 500);
  private static final List<Integer> QUICK_USERS = List.of(1, 10, 100, 500);
  /** The goal's team size and factor: "at least 100x fewer watches at 500 users". */
  private static final int GOAL_USERS = 500;
  private static final double GOAL_FACTOR = 100;
  private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(90);
  /** Watches stay open while the cluster changes: counted after this hold, not just after connecting. */
  private static final Duration HOLD = Duration.ofSeconds(2);

  private final List<Integer> userSteps;
  private final int pods;

  public ApiserverLoadScenario() {
    this(null, 100);
  }

  /** For tests: these team sizes instead of the issue's, and a cluster of {@code pods} pods. */
  ApiserverLoadScenario(List<Integer> userSteps, int pods) {
    this.userSteps = userSteps;
    this.pods = pods;
  }

  @Override
  public String id() {
    return "apiserver-load";
  }

  @Override
  public String title() {
    return "Apiserver load against team size";
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    List<Integer> steps = userSteps != null ? userSteps : settings.quick() ? QUICK_USERS : FULL_USERS;
    settings.say(this, "starting the simulated apiserver (%d pods) and its meter", pods);
    Vertx apiVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx loadVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    SimulatedCluster sim = null;
    ReverseProxy meter = null;
    KubernetesClient metered = null;
    try {
      sim = SimulatedCluster.start(new SimConfig(pods, 3, 5, 42), percent -> { });
      meter = ReverseProxy.start(apiVertx, sim.url());
      metered = new KubernetesClientBuilder()
          .withConfig(new ConfigBuilder(sim.client().getConfiguration()).withMasterUrl(meter.url()).build())
          .build();
      Load load = new Load(settings, meter, metered, loadVertx);
      Map<Integer, Step> octokube = new LinkedHashMap<>();
      Map<Integer, Step> baseline = new LinkedHashMap<>();
      for (int users : steps) {
        octokube.put(users, load.octokube(users, View.resources(View.FIVE)));
        baseline.put(users, load.baseline(users));
      }
      int largest = steps.get(steps.size() - 1);
      Step everyType = load.octokube(largest, List.of());
      return result(steps, octokube, baseline, largest, everyType);
    } finally {
      if (metered != null) {
        metered.close();
      }
      if (meter != null) {
        meter.close();
      }
      if (sim != null) {
        sim.close();
      }
      Waits.quietly(loadVertx.close());
      Waits.quietly(apiVertx.close());
    }
  }

  /**
   * What the apiserver saw during one step.
   *
   * @param openWatches watches open at the apiserver with every user live
   * @param counts requests and bytes from the step's start until then
   * @param seconds how long bringing every user up took
   */
  record Step(int users, int openWatches, ApiCounters.Snapshot counts, double seconds) {
    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("users", users);
      map.put("openWatches", openWatches);
      map.put("watchRequests", counts.watches());
      map.put("listRequests", counts.reads());
      map.put("otherRequests", counts.writes());
      map.put("bytesServed", counts.bytesServed());
      map.put("secondsToLive", Math.round(seconds * 100) / 100.0);
      return map;
    }
  }

  /** Runs one step of either side against the metered apiserver. */
  private final class Load {
    private final Settings settings;
    private final ReverseProxy meter;
    private final KubernetesClient metered;
    private final Vertx loadVertx;

    Load(Settings settings, ReverseProxy meter, KubernetesClient metered, Vertx loadVertx) {
      this.settings = settings;
      this.meter = meter;
      this.metered = metered;
      this.loadVertx = loadVertx;
    }

    /** N users of Octokube; {@code resources} empty lets the Agent watch every type it knows. */
    Step octokube(int users, List<String> resources) throws Exception {
      String side = resources.isEmpty() ? "Octokube, Agent watching every type" : "Octokube";
      settings.say(ApiserverLoadScenario.this, "%s: %d user(s)", side, users);
      settled();
      ApiCounters.Snapshot before = meter.counters().snapshot();
      long start = System.nanoTime();
      WebSocketClient sockets = loadVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(100_000).setMaxMessageSize(256 << 20).setMaxFrameSize(16 << 20));
      List<StreamClient> clients = new ArrayList<>();
      try (OctokubeStack stack = OctokubeStack.start(metered, resources, users)) {
        stack.awaitServing(sockets, View.resources(View.FIVE), LIVE_TIMEOUT);
        List<Future<Void>> connected = new ArrayList<>();
        for (int i = 0; i < users; i++) {
          StreamClient client = new StreamClient(OctokubeStack.CLUSTER, View.resources(View.FIVE), (r, o, t) -> { });
          clients.add(client);
          connected.add(client.connect(sockets, stack.port(), stack.token(i)));
        }
        Waits.await(Future.all(connected), LIVE_TIMEOUT, users + " Octokube users connecting to the Backend");
        Waits.until(() -> clients.stream().allMatch(StreamClient::allLive), LIVE_TIMEOUT,
            "a snapshot of all five views for each of " + users + " Octokube users",
            s -> settings.say(ApiserverLoadScenario.this, "  %d s: %d of %d users live", s,
                clients.stream().filter(StreamClient::allLive).count(), users));
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(HOLD.toMillis());
        ApiCounters.Snapshot counts = meter.counters().snapshot().since(before);
        return new Step(users, counts.openWatches(), counts, seconds);
      } finally {
        for (StreamClient client : clients) {
          Waits.quietly(client.close());
        }
        Waits.quietly(sockets.close());
      }
    }

    /** N users of a Headlamp-like proxy, each listing and watching five views through it. */
    Step baseline(int users) throws Exception {
      settings.say(ApiserverLoadScenario.this, "baseline: %d user(s), %d watches through a proxy", users,
          users * View.FIVE.size());
      settled();
      ApiCounters.Snapshot before = meter.counters().snapshot();
      long start = System.nanoTime();
      HttpClientAgent http = loadVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
      WebSocketClient sockets = loadVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(100_000).setMaxMessageSize(256 << 20).setMaxFrameSize(16 << 20));
      List<ProxiedViewer> viewers = new ArrayList<>();
      Vertx proxyVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      try (ReverseProxy proxy = ReverseProxy.start(proxyVertx, meter.url())) {
        int port = Integer.parseInt(proxy.url().substring(proxy.url().lastIndexOf(':') + 1));
        List<Future<Void>> opened = new ArrayList<>();
        for (int i = 0; i < users; i++) {
          ProxiedViewer viewer = new ProxiedViewer(View.FIVE, (text, nanos) -> { });
          viewers.add(viewer);
          opened.add(viewer.open(http, sockets, port));
        }
        Future<Void> all = Future.all(opened).mapEmpty();
        Waits.until(all::isComplete, LIVE_TIMEOUT, "a list and a watch of five views for each of " + users
                + " baseline users",
            s -> settings.say(ApiserverLoadScenario.this, "  %d s: %d of %d watches open", s,
                viewers.stream().mapToInt(ProxiedViewer::watching).sum(), users * View.FIVE.size()));
        Waits.await(all, Duration.ofSeconds(1), "the baseline users' lists and watches");
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(HOLD.toMillis());
        ApiCounters.Snapshot counts = meter.counters().snapshot().since(before);
        return new Step(users, counts.openWatches(), counts, seconds);
      } finally {
        for (ProxiedViewer viewer : viewers) {
          Waits.quietly(viewer.close());
        }
        Waits.quietly(sockets.close());
        Waits.quietly(http.close());
        Waits.quietly(proxyVertx.close());
      }
    }

    /** Waits until the previous step's watches have closed at the apiserver, so steps do not mix. */
    private void settled() throws InterruptedException {
      Waits.until(() -> meter.counters().snapshot().openWatches() == 0, Duration.ofSeconds(30),
          "the previous step's watches closing at the apiserver",
          s -> settings.say(ApiserverLoadScenario.this, "  waiting for %d watches to close",
              meter.counters().snapshot().openWatches()));
    }
  }

  private ScenarioResult result(List<Integer> steps, Map<Integer, Step> octokube, Map<Integer, Step> baseline,
      int largest, Step everyType) {
    List<Comparison> comparisons = new ArrayList<>();
    for (int users : steps) {
      boolean goal = users == GOAL_USERS;
      comparisons.add(Comparison.lower("apiserver watches open, " + users + " user(s) x 5 views", "watches",
          baseline.get(users).openWatches(), octokube.get(users).openWatches(), goal ? GOAL_FACTOR : null,
          goal ? "at least 100x fewer at 500 users" : "constant for Octokube"));
    }
    for (int users : steps) {
      comparisons.add(Comparison.lower("apiserver requests to bring " + users + " user(s) live", "requests",
          baseline.get(users).counts().requests(), octokube.get(users).counts().requests(), null,
          "constant for Octokube"));
    }
    comparisons.add(Comparison.lower("apiserver watches open, " + largest
            + " users, Agent watching every built-in type (its default)", "watches",
        baseline.get(largest).openWatches(), everyType.openWatches(), null, "constant for Octokube"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("pods", pods);
    details.put("views", View.resources(View.FIVE));
    details.put("octokube", octokube.values().stream().map(Step::asMap).toList());
    details.put("baseline", baseline.values().stream().map(Step::asMap).toList());
    details.put("octokubeEveryType", everyType.asMap());
    return new ScenarioResult(comparisons, reading(largest, everyType, baseline.get(largest)), details);
  }

  private String reading(int largest, Step everyType, Step baseline) {
    return String.format(java.util.Locale.ROOT,
        "Counted at a proxy in front of the simulated apiserver (fabric8's mock in CRUD mode, %d pods, "
            + "5 changes/s of churn), which the Agent and the baseline's proxy both go through. Each step "
            + "starts from nothing and counts until every user has all five views live, plus a %d s hold. "
            + "Octokube's numbers are the Agent's own: one list and one watch per watched type, whatever "
            + "the number of users; the comparison restricts the Agent to the five viewed types (its "
            + "resource include list). By default it watches every built-in type: %d watches, still "
            + "independent of the team (last row). The baseline forwards each user's list and watch as "
            + "Headlamp's backend and Lens's proxy do, so it opens 5 watches per user (%d at %d users). "
            + "These are counts, not timings: sharing 2 cores between the load generator and the "
            + "system does not change them; everything runs in one JVM, unpinned. The mock replays "
            + "every object when a watch opens (it ignores resourceVersion), so the baseline's bytes in "
            + "the JSON details (%,d at %d users) overstate what a real apiserver would send.",
        pods, HOLD.toSeconds(), everyType.openWatches(), baseline.openWatches(), largest,
        baseline.counts().bytesServed(), largest);
  }
}
