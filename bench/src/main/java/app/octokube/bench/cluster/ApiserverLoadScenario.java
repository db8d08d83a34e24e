package app.octokube.bench.cluster;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
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
 * work. Each side starts from nothing (a fresh Agent and Backend, or a fresh proxy) and its team
 * grows through the steps; the counts run from that start until every user of the step is live
 * plus a short hold, so that "requests" means everything the apiserver served to bring N users up.
 */
public final class ApiserverLoadScenario implements Scenario {
  private static final List<Integer> FULL_USERS = List.of(1, 10, 100, 500);
  private static final List<Integer> QUICK_USERS = List.of(1, 10, 100);
  /** The goal's team size and factor: "at least 100x fewer watches at 500 users". */
  private static final int GOAL_USERS = 500;
  private static final double GOAL_FACTOR = 100;
  private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(90);
  /** Watches stay open while the cluster changes: counted after this hold, not just after connecting. */
  private static final Duration HOLD = Duration.ofSeconds(2);

  private final List<Integer> userSteps;
  private final int pods;

  public ApiserverLoadScenario() {
    this(null, 10);
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
    int largest = steps.get(steps.size() - 1);
    Vertx loadVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      // Octokube and the baseline get fresh apiservers seeded alike, so neither inherits the other's watches.
      Map<Integer, Step> octokube;
      Map<Integer, Step> everyType;
      Map<Integer, Step> baseline;
      try (MeteredApiserver api = startApiserver(settings)) {
        // The two Octokube runs may share one: the first leaves a handful of idle watches closed.
        octokube = new Load(settings, api, loadVertx).octokube(steps, View.resources(View.FIVE));
        everyType = new Load(settings, api, loadVertx).octokube(List.of(largest), List.of());
      }
      try (MeteredApiserver api = startApiserver(settings)) {
        baseline = new Load(settings, api, loadVertx).baseline(steps);
        settings.say(this, "stopping the baseline's apiserver and its %d watches", largest * View.FIVE.size());
      }
      return result(steps, octokube, baseline, largest, everyType.get(largest));
    } finally {
      Waits.quietly(loadVertx.close());
    }
  }

  private MeteredApiserver startApiserver(Settings settings) throws InterruptedException {
    settings.say(this, "starting a simulated apiserver (%d pods) behind a counting proxy", pods);
    return MeteredApiserver.start(pods);
  }

  /**
   * What the apiserver saw during one step.
   *
   * @param openWatches watches open at the apiserver with every user live
   * @param counts requests and bytes from the side's start (no user, no Agent) until then
   * @param seconds how long bringing every user up took, from the side's start
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
    private final MeteredApiserver api;
    private final Vertx loadVertx;

    Load(Settings settings, MeteredApiserver api, Vertx loadVertx) {
      this.settings = settings;
      this.api = api;
      this.loadVertx = loadVertx;
    }

    /**
     * Octokube with a team growing through {@code steps}; {@code resources} empty lets the Agent
     * watch every type it knows.
     */
    Map<Integer, Step> octokube(List<Integer> steps, List<String> resources) throws Exception {
      String side = resources.isEmpty() ? "Octokube, Agent watching every type" : "Octokube";
      int largest = steps.get(steps.size() - 1);
      ApiCounters.Snapshot before = api.counters().snapshot();
      long start = System.nanoTime();
      WebSocketClient sockets = loadVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(100_000).setMaxMessageSize(256 << 20).setMaxFrameSize(16 << 20));
      List<StreamClient> clients = new ArrayList<>();
      Map<Integer, Step> result = new LinkedHashMap<>();
      try (OctokubeStack stack = OctokubeStack.start(api.metered(), resources, largest)) {
        stack.awaitServing(sockets, View.resources(View.FIVE), LIVE_TIMEOUT);
        for (int users : steps) {
          settings.say(ApiserverLoadScenario.this, "%s: %d user(s)", side, users);
          List<Future<Void>> connected = new ArrayList<>();
          for (int i = clients.size(); i < users; i++) {
            StreamClient client = new StreamClient(OctokubeStack.CLUSTER, View.resources(View.FIVE), (r, o, t) -> { });
            clients.add(client);
            connected.add(client.connect(sockets, stack.port(), stack.token(i)));
          }
          Waits.await(Future.all(connected), LIVE_TIMEOUT, users + " Octokube users connecting to the Backend");
          Waits.until(() -> clients.stream().allMatch(StreamClient::allLive), LIVE_TIMEOUT,
              "a snapshot of all five views for each of " + users + " Octokube users",
              s -> settings.say(ApiserverLoadScenario.this, "  %d s: %d of %d users live", s,
                  clients.stream().filter(StreamClient::allLive).count(), users));
          result.put(users, hold(users, before, start));
        }
        return result;
      } finally {
        for (StreamClient client : clients) {
          Waits.quietly(client.close());
        }
        Waits.quietly(sockets.close());
      }
    }

    /** The baseline with a team growing through {@code steps}, each user listing and watching five views. */
    Map<Integer, Step> baseline(List<Integer> steps) throws Exception {
      ApiCounters.Snapshot before = api.counters().snapshot();
      long start = System.nanoTime();
      HttpClientAgent http = loadVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
      WebSocketClient sockets = loadVertx.createWebSocketClient(new WebSocketClientOptions()
          .setMaxConnections(100_000).setMaxMessageSize(256 << 20).setMaxFrameSize(16 << 20));
      List<ProxiedViewer> viewers = new ArrayList<>();
      Map<Integer, Step> result = new LinkedHashMap<>();
      Vertx proxyVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
      try (ReverseProxy proxy = ReverseProxy.start(proxyVertx, api.url())) {
        for (int users : steps) {
          settings.say(ApiserverLoadScenario.this, "baseline: %d user(s), %d watches through a proxy", users,
              users * View.FIVE.size());
          List<Future<Void>> opened = new ArrayList<>();
          for (int i = viewers.size(); i < users; i++) {
            ProxiedViewer viewer = new ProxiedViewer(View.FIVE, (text, nanos) -> { });
            viewers.add(viewer);
            opened.add(viewer.open(http, sockets, proxy.port()));
          }
          Future<Void> all = Future.all(opened).mapEmpty();
          Waits.until(all::isComplete, timeout(users), "a list and a watch of five views for each of " + users
                  + " baseline users",
              s -> settings.say(ApiserverLoadScenario.this, "  %d s: %d of %d watches open", s,
                  viewers.stream().mapToInt(ProxiedViewer::watching).sum(), users * View.FIVE.size()));
          Waits.await(all, Duration.ofSeconds(1), "the baseline users' lists and watches");
          Step step = hold(users, before, start);
          // The mock replays every object to each new watch; closing a watch while its replay is
          // being written blocks the mock's event loop (see the cluster's churn above), so the
          // replays are let finish before the next step or the end.
          Waits.steady(() -> viewers.stream().mapToLong(ProxiedViewer::events).sum(), Duration.ofSeconds(1),
              timeout(users), "the mock apiserver replaying objects to the baseline's new watches",
              s -> settings.say(ApiserverLoadScenario.this, "  %d s: waiting for the watches' replays", s));
          result.put(users, step);
        }
        return result;
      } finally {
        settings.say(ApiserverLoadScenario.this, "closing the baseline's %d watches",
            viewers.size() * View.FIVE.size());
        for (ProxiedViewer viewer : viewers) {
          Waits.quietly(viewer.close());
        }
        Waits.quietly(sockets.close());
        Waits.quietly(http.close());
        Waits.quietly(proxyVertx.close());
      }
    }

    /**
     * How long a step of the baseline may take: the mock apiserver starts a thread and replays
     * every object for each new watch, some 50 to 100 watches a second on a busy 2-core machine.
     */
    private Duration timeout(int users) {
      return Duration.ofSeconds(Math.min(240, 30 + users * View.FIVE.size() / 20));
    }

    /** Holds the users live for a moment, then reads what the apiserver saw since the side started. */
    private Step hold(int users, ApiCounters.Snapshot before, long start) throws InterruptedException {
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(HOLD.toMillis());
      ApiCounters.Snapshot counts = api.counters().snapshot().since(before);
      return new Step(users, counts.openWatches(), counts, seconds);
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
    return new ScenarioResult(comparisons, reading(steps, largest, everyType, baseline.get(largest)), details);
  }

  private String reading(List<Integer> steps, int largest, Step everyType, Step baseline) {
    return String.format(java.util.Locale.ROOT,
        "Counted at a proxy in front of the simulated apiserver (fabric8's mock in CRUD mode, seeded "
            + "as usual and trimmed to %d pods, no churn: the mock spends a thread and a replay of every "
            + "object on each watch, and the counts do not depend on the objects), which the Agent and the "
            + "baseline's proxy both go through; Octokube and the baseline each get a fresh one. Each side starts from "
            + "nothing and its team grows through %s users; each count runs from that start until every "
            + "user has all five views live, plus a %d s hold. "
            + "Octokube's numbers are the Agent's own: one list and one watch per watched type, whatever "
            + "the number of users; the comparison restricts the Agent to the five viewed types (its "
            + "resource include list). By default it watches every built-in type: %d watches, still "
            + "independent of the team (last row). The baseline forwards each user's list and watch as "
            + "Headlamp's backend and Lens's proxy do, so it opens 5 watches per user (%d at %d users). "
            + "These are counts, not timings: sharing 2 cores between the load generator and the "
            + "system does not change them; everything runs in one JVM, unpinned. The mock replays "
            + "every object when a watch opens (it ignores resourceVersion), so the baseline's bytes in "
            + "the JSON details (%,d at %d users) overstate what a real apiserver would send.",
        pods, steps.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")), HOLD.toSeconds(), everyType.openWatches(), baseline.openWatches(), largest,
        baseline.counts().bytesServed(), largest);
  }
}
