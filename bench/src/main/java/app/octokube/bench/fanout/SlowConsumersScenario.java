package app.octokube.bench.fanout;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Scenario 4, slow consumers: the fan-out of scenario 2 at half the rate Octokube sustained there,
 * once with every client reading at once (the clean run), then with 10% of the clients reading
 * about 10 KB/s and 1% not reading at all: the fast clients' p99 against the clean run, and how
 * much the Backend's memory grew. The baseline is the same Backend with {@code unboundedWrites}:
 * every message written to the socket at once, whatever is still unwritten.
 */
public final class SlowConsumersScenario implements Scenario {
  private static final double MIB = 1 << 20;

  /**
   * How big a run is; {@code fanout} finds the top rate when scenario 2 did not run before.
   *
   * @param runSeconds how long the slow clients are slow; the Backend's idle timeout is raised to
   *     {@link #idleTimeout()} for the run, since a client that stops reading stops answering pings
   *     too, and would otherwise be closed after 45 s of silence, ending its growth
   * @param pairs how many clean and slow runs, alternated: the p99 compared is each side's median,
   *     since at half load the clean run's p99 alone has varied 2x between runs of the same code
   * @param settleSeconds how long both runs go on at the rate after the slow clients slow down
   *     and before the measured {@code runSeconds}: the onset, when 110 clients fall behind at one
   *     instant and the Backend fills their buffers, and the JIT's warm-up, which a 10 s-step series
   *     showed to last tens of seconds in the clean run too. Its p99 is reported, not compared
   */
  record Size(FanoutScenario.Size fanout, double runSeconds, double slowShare, double stalledShare, int pairs,
      double settleSeconds) {
    static final Size FULL = new Size(FanoutScenario.Size.FULL, 60, 0.10, 0.01, 3, 30);
    static final Size QUICK = new Size(FanoutScenario.Size.QUICK, 6, 0.10, 0.01, 1, 3);

    /** Long enough that no silent client is closed before the run (and its warm-up) ends. */
    Duration idleTimeout() {
      return Duration.ofSeconds(Math.max(45,
          (long) Math.ceil(2 * (runSeconds + settleSeconds + fanout.stepSeconds()))));
    }
  }

  private final Size fixedSize;

  public SlowConsumersScenario() {
    this(null);
  }

  SlowConsumersScenario(Size size) {
    this.fixedSize = size;
  }

  @Override
  public String id() {
    return "slow-consumers";
  }

  @Override
  public String title() {
    return "Slow consumers: 10% slow and 1% stalled clients at half load";
  }

  /** What one run at the chosen rate measured. */
  private record Run(FanoutRig.Step step, FanoutRig.Step onset, double growthMiB, double peakHeapMiB, int closed,
      Map<String, Object> memory) {
    Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>(step.asMap());
      map.put("onset", onset.asMap());
      map.put("backendMemoryGrowthMiB", FanoutRig.round(growthMiB));
      map.put("backendPeakHeapMiB", FanoutRig.round(peakHeapMiB));
      map.put("clientsClosedByTheBackend", closed);
      map.put("memory", memory);
      return map;
    }
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    Size size = fixedSize != null ? fixedSize : settings.quick() ? Size.QUICK : Size.FULL;
    FanoutScenario.Size fan = size.fanout();
    BenchPolicy policy = BenchPolicy.write(settings.out().resolve("slow-consumers"), fan.clients(), fan.classes());
    List<StreamClients.Mode> clean = Collections.nCopies(fan.clients(), StreamClients.Mode.FAST);
    List<StreamClients.Mode> mixed = modes(fan.clients(), size.slowShare(), size.stalledShare());
    Map<String, Object> details = new LinkedHashMap<>();
    String pinned;
    List<Run> cleanRuns = new ArrayList<>();
    List<Run> slowRuns = new ArrayList<>();
    Run baselineRun;
    double rate;
    String rateSource;
    try (Pinning pinning = Pinning.pinLoadGenerator()) {
      pinned = pinning.describe();
      FanoutScenario.Measured measured = FanoutScenario.lastProduct;
      double max;
      if (measured != null && measured.size().equals(fan) && measured.maxDeliveriesPerSecond() > 0) {
        max = measured.maxDeliveriesPerSecond();
        rateSource = "the fan-out scenario of this run";
      } else {
        settings.say(this, "finding Octokube's top rate first (the fan-out scenario did not run before)");
        try (FanoutRig rig = rig(BackendJvm.Variant.PRODUCT, policy, clean, fan, null, pinning, settings)) {
          List<FanoutRig.Step> steps = FanoutRig.ramp(rig, fan.firstRate(), fan.factor(), fan.maxSteps(),
              fan.stepSeconds(), "top rate", settings, this);
          details.put("rampSteps", steps.stream().map(FanoutRig.Step::asMap).toList());
          max = FanoutRig.maxPassed(steps);
        }
        rateSource = "a ramp of its own, as in the fan-out scenario";
      }
      rate = Math.max(max, fan.firstRate()) / 2;
      settings.say(this, "half load: %,.0f deliveries/s (top rate %,.0f from %s)", rate, max, rateSource);
      for (int pair = 1; pair <= size.pairs(); pair++) {
        String of = size.pairs() > 1 ? String.format(Locale.ROOT, " (%d of %d)", pair, size.pairs()) : "";
        cleanRuns.add(measure(BackendJvm.Variant.PRODUCT, "clean run" + of, policy, clean, rate, size, pinning,
            settings));
        slowRuns.add(measure(BackendJvm.Variant.PRODUCT, "octokube with slow clients" + of, policy, mixed, rate,
            size, pinning, settings));
      }
      baselineRun = measure(BackendJvm.Variant.UNBOUNDED_WRITES, "baseline (unbounded writes) with slow clients",
          policy, mixed, rate, size, pinning, settings);
    }
    Run cleanRun = median(cleanRuns);
    Run slowRun = median(slowRuns);
    String median = size.pairs() > 1 ? String.format(Locale.ROOT, ", medians of %d runs each", size.pairs()) : "";
    // Bounded means bounded in every run: the largest growth is the one compared.
    Run mostGrowth = slowRuns.stream().max(Comparator.comparingDouble(Run::growthMiB)).orElseThrow();
    List<Comparison> comparisons = List.of(
        Comparison.lower("fast clients' p99 with slow clients (baseline column: the clean run" + median + ")", "ms",
            cleanRun.step().p99(), slowRun.step().p99(), 1 / 1.2, "at most 1.2x the clean run's p99"),
        Comparison.lower("Backend memory growth with slow clients (heap + direct, after GC)", "MiB",
            baselineRun.growthMiB(), mostGrowth.growthMiB(), null, "bounded; baseline writes without bound"),
        Comparison.lower("fast clients' p99 with slow clients", "ms", baselineRun.step().p99(),
            slowRun.step().p99(), null, ""));
    details.put("clients", fan.clients());
    details.put("slowClients", Collections.frequency(mixed, StreamClients.Mode.SLOW));
    details.put("stalledClients", Collections.frequency(mixed, StreamClients.Mode.STALLED));
    details.put("slowReadBytesPerSecond", StreamClients.SLOW_BYTES_PER_SECOND);
    details.put("deliveriesPerSecond", FanoutRig.round(rate));
    details.put("bytesPerSecondToEachClient", FanoutRig.round(perClientBytes(rate, fan)));
    details.put("rateFrom", rateSource);
    details.put("runSeconds", size.runSeconds());
    details.put("settleSeconds", size.settleSeconds());
    details.put("pinning", pinned);
    details.put("pairs", size.pairs());
    details.put("clean", cleanRun.asMap());
    details.put("octokube", slowRun.asMap());
    details.put("baseline", baselineRun.asMap());
    details.put("cleanRuns", cleanRuns.stream().map(Run::asMap).toList());
    details.put("octokubeRuns", slowRuns.stream().map(Run::asMap).toList());
    return new ScenarioResult(comparisons,
        reading(size, rate, rateSource, pinned, cleanRuns, slowRuns, mostGrowth, baselineRun), details);
  }

  /** The run whose fast clients' p99 is the median (the lower middle one of an even count). */
  static <R> R median(List<R> runs, java.util.function.ToDoubleFunction<R> p99) {
    List<R> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(p99));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static Run median(List<Run> runs) {
    return median(runs, run -> run.step().p99());
  }

  /** 1% stalled and 10% slow clients, picked at random (seeded) so every access class has some. */
  static List<StreamClients.Mode> modes(int clients, double slowShare, double stalledShare) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new java.util.Random(42));
    List<StreamClients.Mode> modes = new ArrayList<>(Collections.nCopies(clients, StreamClients.Mode.FAST));
    int stalled = Math.max(1, (int) Math.round(clients * stalledShare));
    int slow = Math.max(1, (int) Math.round(clients * slowShare));
    for (int k = 0; k < stalled + slow; k++) {
      modes.set(order.get(k), k < stalled ? StreamClients.Mode.STALLED : StreamClients.Mode.SLOW);
    }
    return modes;
  }

  /** A rig with the Backend's default idle timeout, or {@code idleTimeout} when not null. */
  private FanoutRig rig(BackendJvm.Variant variant, BenchPolicy policy, List<StreamClients.Mode> modes,
      FanoutScenario.Size fan, Duration idleTimeout, Pinning pinning, Settings settings) throws Exception {
    return FanoutRig.start(variant, policy, modes, fan.podsPerClass(), BackendJvm.Setup.heap("2g")
        .withIdleTimeout(idleTimeout), pinning, settings.out().resolve("slow-consumers"));
  }

  private Run measure(BackendJvm.Variant variant, String label, BenchPolicy policy, List<StreamClients.Mode> modes,
      double rate, Size size, Pinning pinning, Settings settings) throws Exception {
    settings.say(this, "%s: starting the Backend and %d clients", label, modes.size());
    try (FanoutRig rig = rig(variant, policy, modes, size.fanout(), size.idleTimeout(), pinning, settings)) {
      // Warm both JVMs up while every client still reads at once.
      rig.step(rate, size.fanout().stepSeconds(), settings, this);
      rig.clients().throttle();
      BackendStats before = rig.backend().statsAfterGc();
      rig.backend().resetPeak();
      FanoutRig.Step onset = rig.step(rate, size.settleSeconds(), settings, this);
      FanoutRig.Step step = rig.step(rate, size.runSeconds(), settings, this);
      BackendStats peak = rig.backend().stats();
      BackendStats after = rig.backend().statsAfterGc();
      // Collections leave a little noise either way; a shrinking heap counts as no growth.
      double growth = Math.max(0, (after.memory() - before.memory()) / MIB);
      Map<String, Object> memory = new LinkedHashMap<>();
      memory.put("changeMiB", FanoutRig.round((after.memory() - before.memory()) / MIB));
      memory.put("heapLiveBeforeMiB", FanoutRig.round(before.heapUsed() / MIB));
      memory.put("heapLiveAfterMiB", FanoutRig.round(after.heapUsed() / MIB));
      memory.put("directBeforeMiB", FanoutRig.round(before.directBytes() / MIB));
      memory.put("directAfterMiB", FanoutRig.round(after.directBytes() / MIB));
      memory.put("residentBeforeMiB", FanoutRig.round(before.residentBytes() / MIB));
      memory.put("residentAfterMiB", FanoutRig.round(after.residentBytes() / MIB));
      int closed = rig.clients().closedCount();
      settings.say(this, "%s: fast p99 %.1f ms (%.1f ms in the %.0f s before), memory growth %.1f MiB, "
          + "%d clients closed by the Backend", label, step.p99(), onset.p99(), size.settleSeconds(), growth, closed);
      return new Run(step, onset, growth, peak.heapPeak() / MIB, closed, memory);
    }
  }

  /** How the p99s compared were chosen, and every run's. */
  private static String pairs(Size size, List<Run> cleanRuns, List<Run> slowRuns) {
    String onsets = String.format(Locale.ROOT, "in the %.0f s before, not compared: %s", size.settleSeconds(),
        perPair(cleanRuns, slowRuns, Run::onset));
    if (size.pairs() == 1) {
      return "those of one clean and one slow run (" + onsets + ")";
    }
    return String.format(Locale.ROOT, "the medians of %d clean and %d slow runs, alternated so that the machine's "
        + "drift hits both sides (clean / slow p99 per pair: %s; %s); memory growth is the largest of the slow "
        + "runs", size.pairs(), size.pairs(), perPair(cleanRuns, slowRuns, Run::step), onsets);
  }

  /** "clean / slow ms" for each pair, of the step {@code part} picks. */
  private static String perPair(List<Run> cleanRuns, List<Run> slowRuns, Function<Run, FanoutRig.Step> part) {
    StringBuilder pairs = new StringBuilder();
    for (int i = 0; i < cleanRuns.size(); i++) {
      pairs.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f / %.0f ms",
          part.apply(cleanRuns.get(i)).p99(), part.apply(slowRuns.get(i)).p99()));
    }
    return pairs.toString();
  }

  /** How long the slow clients are slow: the settling part and the measured one. */
  private static double slowSeconds(Size size) {
    return size.settleSeconds() + size.runSeconds();
  }

  /** What each client is sent per second at {@code rate}, changes being about {@value #CHANGE_BYTES} bytes. */
  private static double perClientBytes(double rate, FanoutScenario.Size fan) {
    return rate / fan.clients() * CHANGE_BYTES;
  }

  /** A change as a client receives it: the pod, its key and envelope. */
  private static final int CHANGE_BYTES = 1_450;

  private static String reading(Size size, double rate, String rateSource, String pinned, List<Run> cleanRuns,
      List<Run> slowRuns, Run ours, Run baseline) {
    double perClient = perClientBytes(rate, size.fanout());
    String behind = perClient > StreamClients.SLOW_BYTES_PER_SECOND
        ? String.format(Locale.ROOT, "each client is sent about %.0f KB/s, so a slow one falls %.0f KB/s behind and "
            + "a stalled one %.0f KB/s: in this run about %.1f MB and %.1f MB. The kernel holds a few hundred "
            + "kilobytes of that per client (the client's receive buffer, and at most %,d KiB unsent on the "
            + "Backend's side, `socketUnsentBytes`); Octokube writes up to %,d KiB more per client before it "
            + "queues and merges (`writeHighWaterBytes`), so its growth levels off once a client is that far "
            + "behind; a run too short for that shows both growing alike",
            perClient / 1000, (perClient - StreamClients.SLOW_BYTES_PER_SECOND) / 1000, perClient / 1000,
            (perClient - StreamClients.SLOW_BYTES_PER_SECOND) * slowSeconds(size) / 1e6,
            perClient * slowSeconds(size) / 1e6, StreamLimits.DEFAULTS.socketUnsentBytes() / 1024,
            StreamLimits.DEFAULTS.writeHighWaterBytes() / 1024)
        : String.format(Locale.ROOT, "at this rate each client is sent only about %.0f KB/s, less than a slow "
            + "client reads, so only the stalled clients fall behind and the memory numbers say little",
            perClient / 1000);
    return String.format(Locale.ROOT, """
        The fan-out setup of scenario 2 (%d clients, %d access classes) at %,.0f deliveries/s, half the \
        top rate Octokube sustained in %s, for %.0f s: first with every client reading at once (the clean \
        run), then with %.0f%% of the clients reading about %d KB/s (Vert.x pause/fetch) and %.0f%% not \
        reading at all. Each run goes on at the rate for %.0f s after the slow clients slow down (in the \
        clean run, after the same moment) before the measured part: the onset, when they all fall behind \
        at one instant, and the JIT's warm-up, which lasts that long in the clean run too; its p99 is \
        listed with the pairs but not compared. The p99 is that of the fast clients only, from the \
        Agent's send to receipt. \
        Memory is the Backend JVM's heap plus direct memory (where Netty keeps unwritten bytes), \
        each after full collections, before the slow clients slowed down and at the end of the run \
        while they were still connected. Octokube's growth is bounded by its per-client budget \
        (%d clients closed as slow consumers); the baseline, the same Backend with its benchmark \
        switch `unboundedWrites`, grows with the run's length (%d closed), so its number depends on \
        the duration. A client that stops reading stops answering pings too, and the Backend closes \
        a client silent for 45 s, which would end its growth; for this run both variants' idle \
        timeout is %d s. Here %s. Slow and stalled clients have a 64 KiB \
        socket receive buffer: loopback would otherwise let the kernel buffer megabytes and hide them. \
        The p99s compared are %s. \
        %s.""",
        size.fanout().clients(), size.fanout().classes(), rate, rateSource, size.runSeconds(),
        size.slowShare() * 100, StreamClients.SLOW_BYTES_PER_SECOND / 1024, size.stalledShare() * 100,
        size.settleSeconds(),
        ours.closed(), baseline.closed(), size.idleTimeout().toSeconds(), behind, pairs(size, cleanRuns, slowRuns),
        pinned);
  }
}
