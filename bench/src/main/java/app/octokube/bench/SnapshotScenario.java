package app.octokube.bench;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 2's snapshot benchmark as a scenario: {@link SnapshotBenchmark}'s timings of 150,000 pods,
 * streamed in chunks against one {@code writeValueAsBytes} of the whole list. Peak heap needs its
 * own forked JVMs ({@link SnapshotPeakHeap}, docs/benchmarks.md §3) and is not repeated here.
 */
public final class SnapshotScenario implements Scenario {

  @Override
  public String id() {
    return "snapshot";
  }

  @Override
  public String title() {
    return "Agent snapshot of 150,000 pods (JMH)";
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    settings.say(this, "JMH SnapshotBenchmark: loading 150,000 pods, then %s",
        settings.quick() ? "1 fork, 3 timed snapshots each" : "2 forks, 10 timed snapshots each");
    JmhRun run = JmhRun.of(SnapshotBenchmark.class, settings.quick(), settings.out());
    double oneWrite = run.mean("oneWriteTotal");
    double first = run.mean("streamedFirstChunk");
    double total = run.mean("streamedTotal");
    List<Comparison> comparisons = List.of(
        Comparison.lower("time to the first bytes", "ms", oneWrite, first, 20.0, "at least 20× sooner"),
        Comparison.lower("time to the last bytes", "ms", oneWrite, total, 1.0, "no slower"));
    String reading = String.format(Locale.ROOT, "Baseline: the whole list as one message, one `writeValueAsBytes`"
        + " (%.0f ± %.0f ms; its first bytes are its last). Octokube: the queue captures the state by"
        + " reference and chunks of 1 MiB are encoded outside it (first chunk %.1f ± %.1f ms, all %.0f ± %.0f ms)."
        + " Single-shot times on one thread; errors are JMH's 99.9%% half-widths. Peak heap: §3.",
        oneWrite, run.error("oneWriteTotal"), first, run.error("streamedFirstChunk"), total, run.error("streamedTotal"));
    return new ScenarioResult(comparisons, reading, Map.of(
        "oneWriteTotalMs", oneWrite, "streamedFirstChunkMs", first, "streamedTotalMs", total));
  }
}
