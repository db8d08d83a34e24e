package app.octokube.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a scenario measured.
 *
 * @param comparisons its numbers, each against the baseline measured in the same run
 * @param reading a short paragraph: what limits each number, and what the run could not show
 * @param details raw data for the JSON results (per-step series, settings), any JSON-able values
 */
public record ScenarioResult(List<Comparison> comparisons, String reading, Map<String, Object> details) {
  public ScenarioResult {
    comparisons = List.copyOf(comparisons);
    Objects.requireNonNull(reading, "reading");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
