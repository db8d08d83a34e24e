package app.octokube.bench.suite;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the suite: when, on what, with which command, and each scenario's outcome.
 *
 * @param command the command line that produced it, as the docs quote it
 */
public record SuiteReport(
    Instant started, Duration took, String command, boolean quick, Machine machine,
    double loadBefore, double loadAfter, List<Outcome> outcomes) {

  /** One scenario's outcome: its result, or why it could not measure. */
  public record Outcome(String id, String title, Duration took, ScenarioResult result, String failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  public SuiteReport {
    outcomes = List.copyOf(outcomes);
  }

  public boolean anyFailed() {
    return outcomes.stream().anyMatch(Outcome::failed);
  }

  /** The JSON results file's content. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("started", started.toString());
    map.put("seconds", took.toMillis() / 1000.0);
    map.put("command", command);
    map.put("quick", quick);
    map.put("machine", machine.asMap());
    map.put("loadAverageBefore", loadBefore);
    map.put("loadAverageAfter", loadAfter);
    List<Map<String, Object>> scenarios = outcomes.stream().map(SuiteReport::outcomeMap).toList();
    map.put("scenarios", scenarios);
    return map;
  }

  private static Map<String, Object> outcomeMap(Outcome outcome) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", outcome.id());
    map.put("title", outcome.title());
    map.put("seconds", outcome.took().toMillis() / 1000.0);
    if (outcome.failed()) {
      map.put("failure", outcome.failure());
      return map;
    }
    List<Map<String, Object>> comparisons = outcome.result().comparisons().stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric", c.metric());
      m.put("unit", c.unit());
      m.put("baseline", finite(c.baseline()));
      m.put("octokube", finite(c.ours()));
      m.put("lowerIsBetter", c.lowerIsBetter());
      m.put("timesBetter", finite(c.factor()));
      m.put("goal", c.goal());
      m.put("goalText", c.goalText());
      m.put("limit", c.limit());
      m.put("met", c.met());
      return m;
    }).toList();
    map.put("comparisons", comparisons);
    map.put("reading", outcome.result().reading());
    map.put("details", outcome.result().details());
    return map;
  }

  /** JSON has no infinities or NaN: they become null (the docs say "unbounded"). */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
