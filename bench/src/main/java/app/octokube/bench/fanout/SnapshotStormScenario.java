package app.octokube.bench.fanout;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioFailure;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 3, snapshot storm: every client holds a live subscription to pods when the Agent
 * restarts (new epoch) with many pods; every subscription must resync. Measured: snapshot requests
 * the Agent receives, time from the new Agent's hello until every client has its full snapshot of
 * the new epoch, and the Backend's peak heap meanwhile. The baseline is the same Backend with
 * {@code noSnapshotDedup}: every client's resync is its own request to the Agent.
 */
public final class SnapshotStormScenario implements Scenario {
  private static final double MIB = 1 << 20;

  /**
   * How big a run is.
   *
   * @param baselineMinCapSeconds the least time the baseline may take before it is stopped; it
   *     may take {@link #GOAL_FACTOR} × {@link #CAP_MARGIN} × Octokube's time if that is longer, so
   *     a baseline stopped at its cap has shown the goal. Its time is then reported as at least the cap.
   * @param oursLimitSeconds how long Octokube may take before the scenario fails
   */
  record Size(int clients, int classes, int pods, double baselineMinCapSeconds, double oursLimitSeconds,
      String heap) {
    static final Size FULL = new Size(1000, 20, 150_000, 110, 150, "3g");
    static final Size QUICK = new Size(100, 20, 10_000, 20, 30, "2g");

    /** How long the baseline may run, once Octokube took {@code oursSeconds}. */
    double baselineCapSeconds(double oursSeconds) {
      return Math.max(baselineMinCapSeconds, Math.ceil(GOAL_FACTOR * CAP_MARGIN * oursSeconds));
    }
  }

  /** The goal: every client live again at least this many times sooner than without dedup. */
  private static final double GOAL_FACTOR = 10;
  private static final double CAP_MARGIN = 1.1;
  /**
   * The Backend's snapshot timeout in each run is the time the run may take plus this: a request
   * still unanswered after the timeout is sent again, and the count of requests would no longer
   * be one per client.
   */
  private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(60);

  private final Size fixedSize;

  public SnapshotStormScenario() {
    this(null);
  }

  SnapshotStormScenario(Size size) {
    this.fixedSize = size;
  }

  @Override
  public String id() {
    return "snapshot-storm";
  }

  @Override
  public String title() {
    return "Snapshot storm: every client resyncs after an Agent restart";
  }

  /** One storm: requests, time until all live (or the cap), peak heap. */
  record Storm(int requests, double seconds, boolean allLive, int live, int clients, double peakHeapMiB,
      double liveHeapBeforeMiB, long bytesToClients) {
    /**
     * For a run stopped at its cap, the time at which every client would have been live had
     * clients kept going live at the rate they did; otherwise the time measured.
     */
    double projectedSeconds() {
      return allLive || live == 0 ? (allLive ? seconds : Double.POSITIVE_INFINITY) : seconds * clients / live;
    }

    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("agentSnapshotRequests", requests);
      map.put("secondsUntilAllLive", FanoutRig.round(seconds));
      map.put("allLive", allLive);
      map.put("clientsLive", live);
      map.put("clients", clients);
      map.put("projectedSecondsUntilAllLive", FanoutRig.round(projectedSeconds()));
      map.put("peakHeapMiB", FanoutRig.round(peakHeapMiB));
      map.put("liveHeapBeforeMiB", FanoutRig.round(liveHeapBeforeMiB));
      map.put("bytesToClients", bytesToClients);
      return map;
    }
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    Size size = fixedSize != null ? fixedSize : settings.quick() ? Size.QUICK : Size.FULL;
    BenchPolicy policy = BenchPolicy.write(settings.out().resolve("snapshot-storm"), size.clients(), size.classes());
    Storm ours;
    Storm baseline;
    double cap;
    String pinned;
    try (Pinning pinning = Pinning.pinLoadGenerator()) {
      pinned = pinning.describe();
      settings.say(this, "%d clients in %d access classes, %,d pods; %s", size.clients(), size.classes(),
          size.pods(), pinned);
      ours = storm(BackendJvm.Variant.PRODUCT, "octokube", size.oursLimitSeconds(), true, policy, size, pinning,
          settings);
      cap = size.baselineCapSeconds(ours.seconds());
      baseline = storm(BackendJvm.Variant.NO_SNAPSHOT_DEDUP, "baseline (no dedup)", cap, false, policy, size,
          pinning, settings);
    }
    String timeMetric = baseline.allLive()
        ? "time until every client is live again"
        : "time until every client is live again (baseline stopped at its cap: at least)";
    List<Comparison> comparisons = List.of(
        Comparison.lower("Agent snapshot requests", "requests", baseline.requests(), ours.requests(),
            (double) size.clients(), String.format(Locale.ROOT, "1 request instead of %,d", size.clients())),
        Comparison.lower(timeMetric, "s", baseline.seconds(), ours.seconds(), 10.0, "at least 10x sooner"),
        Comparison.lower("peak Backend heap during the storm", "MiB", baseline.peakHeapMiB(), ours.peakHeapMiB(),
            null, ""));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("clients", size.clients());
    details.put("accessClasses", size.classes());
    details.put("pods", size.pods());
    details.put("backendHeap", size.heap());
    details.put("baselineCapSeconds", cap);
    details.put("pinning", pinned);
    details.put("octokube", ours.asMap());
    details.put("baseline", baseline.asMap());
    return new ScenarioResult(comparisons, reading(size, cap, ours, baseline, pinned), details);
  }

  private Storm storm(BackendJvm.Variant variant, String label, double limitSeconds, boolean mustFinish,
      BenchPolicy policy, Size size, Pinning pinning, Settings settings) throws Exception {
    settings.say(this, "%s: starting the Backend and %d clients on an empty cluster", label, size.clients());
    List<StreamClients.Mode> modes = Collections.nCopies(size.clients(), StreamClients.Mode.FAST);
    BackendJvm.Setup setup = BackendJvm.Setup.heap(size.heap())
        .withSnapshotTimeout(Duration.ofSeconds((long) Math.ceil(limitSeconds)).plus(TIMEOUT_MARGIN));
    try (FanoutRig rig = FanoutRig.start(variant, policy, modes, 0, setup, pinning,
        settings.out().resolve("snapshot-storm"))) {
      int requestsBefore = rig.agent().snapshotRequests();
      BackendStats before = rig.backend().statsAfterGc();
      rig.backend().resetPeak();
      settings.say(this, "%s: the Agent restarts with %,d pods", label, size.pods());
      long t0 = rig.agent().start(size.pods() / size.classes());
      String epoch = rig.agent().epoch().value();
      List<StreamClients.Client> clients = rig.clients().all();
      long deadline = t0 + (long) (limitSeconds * 1e9);
      long nextSay = t0 + 5_000_000_000L;
      int live = 0;
      while (true) {
        live = (int) clients.stream().filter(c -> epoch.equals(c.liveEpoch())).count();
        long now = System.nanoTime();
        if (live == clients.size() || now - deadline > 0) {
          break;
        }
        if (now > nextSay) {
          settings.say(this, "%s: %d of %d clients live after %.0f s, %d snapshot requests", label, live,
              clients.size(), (now - t0) / 1e9, rig.agent().snapshotRequests() - requestsBefore);
          nextSay += 5_000_000_000L;
        }
        Thread.sleep(20);
      }
      boolean allLive = live == clients.size();
      if (!allLive && mustFinish) {
        throw new ScenarioFailure(String.format(Locale.ROOT, "%s: only %d of %d clients were live again %.0f s "
            + "after the Agent restarted", label, live, clients.size(), limitSeconds));
      }
      double seconds = allLive
          ? (clients.stream().mapToLong(StreamClients.Client::liveAt).max().orElse(t0) - t0) / 1e9
          : limitSeconds;
      BackendStats after = rig.backend().stats();
      long bytes = clients.stream().mapToLong(StreamClients.Client::bytes).sum();
      Storm storm = new Storm(rig.agent().snapshotRequests() - requestsBefore, seconds, allLive, live,
          clients.size(), after.heapPeak() / MIB, before.heapUsed() / MIB, bytes);
      settings.say(this, "%s: %s%.1f s until %d of %d clients were live, %d snapshot requests, peak heap %.0f MiB",
          label, allLive ? "" : "stopped at the cap: ", seconds, live, clients.size(), storm.requests(),
          storm.peakHeapMiB());
      return storm;
    }
  }

  /** A heap size as -Xmx takes it ({@code 512m}, {@code 3g}), in MiB. */
  static double heapMiB(String heap) {
    double value = Double.parseDouble(heap.substring(0, heap.length() - 1));
    return heap.endsWith("g") ? value * 1024 : value;
  }

  private static String reading(Size size, double cap, Storm ours, Storm baseline, String pinned) {
    return String.format(Locale.ROOT, """
        %d clients in %d access classes (a team per namespace), each live on pods, when the fake Agent \
        restarts with a new epoch and %,d pods of about 1.4 KB: the Backend resyncs every subscription \
        (docs/protocol.md, Opening the link) and every client must receive its full snapshot (%,d pods \
        for its namespace) again. Time runs from the new Agent's hello until the last client has received \
        the last byte of its snapshot; requests are counted at the Agent; the peak heap is the Backend \
        JVM's heap in use sampled every 10 ms (garbage included; -Xmx%s). Baseline: the same Backend \
        with its benchmark switch `noSnapshotDedup`, which asks the Agent once per client. The fake \
        Agent serves snapshots one after the other like the real one, from chunks it encoded once, so \
        the baseline does not pay for the Agent's encoding of every request: it is favoured. The \
        baseline may run %.0f s (11x Octokube's time, at least %.0f s), and each run's snapshot timeout \
        is its time limit plus 60 s, so no request is sent twice. %s \
        The baseline %s.%s %s.""",
        size.clients(), size.classes(), size.pods(), size.pods() / size.classes(), size.heap(), cap,
        size.baselineMinCapSeconds(),
        ours.allLive() ? String.format(Locale.ROOT, "Octokube's time is what it takes to write %,.0f MB to the "
            + "clients and for them to read it, on one core each.", ours.bytesToClients() / 1e6) : "",
        baseline.allLive()
            ? String.format(Locale.ROOT, "finished in %.1f s", baseline.seconds())
            : String.format(Locale.ROOT, "was stopped after %.0f s with %d of %d clients live, so its time and "
                + "the ratio are lower bounds; at the rate its clients went live, all would have been live after "
                + "about %.0f s (%.0fx Octokube's time)", cap, baseline.live(),
                baseline.clients(), baseline.projectedSeconds(), baseline.projectedSeconds() / ours.seconds()),
        baseline.peakHeapMiB() > 0.9 * heapMiB(size.heap())
            ? " The baseline's heap reached its limit: the Backend reads the Agent's chunks faster than it "
                + "filters and encodes them for one client after the other, and they wait in its memory."
            : "",
        pinned);
  }
}
