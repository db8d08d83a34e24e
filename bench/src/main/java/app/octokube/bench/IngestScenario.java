package app.octokube.bench;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 2's ingest benchmark as a scenario: {@link IngestBenchmark} in JMH's forks, fabric8's
 * parse alone against parse + projection + apply + encode, by throughput and by CPU time.
 */
public final class IngestScenario implements Scenario {
  /** "Our part adds at most 25% to the parse": ours must reach 1/1.25 of the parse's rate. */
  private static final double GOAL = 1 / 1.25;

  @Override
  public String id() {
    return "ingest";
  }

  @Override
  public String title() {
    return "Agent ingest (JMH)";
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    settings.say(this, "JMH IngestBenchmark, %s", settings.quick() ? "1 fork, 3 s measured" : "2 forks, 10 s measured each");
    JmhRun run = JmhRun.of(IngestBenchmark.class, settings.quick(), settings.out());
    double parse = run.mean("fabric8Parse");
    double parseCpu = run.secondaryMean("fabric8Parse", "cpuNanosPerEvent") / 1000;
    List<Comparison> comparisons = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    StringBuilder added = new StringBuilder();
    details.put("fabric8Parse.eventsPerSecond", parse);
    details.put("fabric8Parse.cpuMicrosPerEvent", parseCpu);
    for (String ours : List.of("parseProjectApplyEncode", "parseProjectApplyEncodeBatch100")) {
      String batch = ours.endsWith("100") ? "batches of 100" : "batches of 1";
      double throughput = run.mean(ours);
      double cpu = run.secondaryMean(ours, "cpuNanosPerEvent") / 1000;
      comparisons.add(Comparison.lower("wall time per event, " + batch, "µs", 1e6 / parse, 1e6 / throughput,
          GOAL, "our part adds ≤ 25%: at most 1.25× the parse's time"));
      comparisons.add(Comparison.lower("CPU time per event, " + batch, "µs", parseCpu, cpu,
          GOAL, "the same, by the thread's CPU time"));
      added.append(String.format(Locale.ROOT, " %s, %+.1f%% by wall time and %+.1f%% by CPU time;", batch,
          (parse / throughput - 1) * 100, (cpu / parseCpu - 1) * 100));
      details.put(ours + ".eventsPerSecond", throughput);
      details.put(ours + ".cpuMicrosPerEvent", cpu);
    }
    String reading = "Baseline: fabric8's own parse of a realistic 14 KB pod event into a `GenericKubernetesResource`;"
        + " Octokube: the same parse, then the projection, the hot state's apply and the delta's encoding"
        + " (§1 explains the corpus and the settings; the JMH JSON is in the output directory). Our part"
        + " adds to the parse's time:" + added.substring(0, added.length() - 1) + ". One thread on one core; the suite's other processes are idle during it."
        + (settings.quick() ? " Quick run: one short fork, so errors are wide; §1 has the pooled rounds." : "");
    return new ScenarioResult(comparisons, reading, details);
  }
}
