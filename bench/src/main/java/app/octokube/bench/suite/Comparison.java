package app.octokube.bench.suite;

import java.util.Objects;

/**
 * One number of a scenario, for Octokube and for its baseline, measured in the same run.
 *
 * <p>The ratio is always stated as "how many times better Octokube is": {@code baseline / ours}
 * when lower is better (watches, latency, heap), {@code ours / baseline} when higher is better
 * (deliveries per second). {@code goal} is the factor the issue asks for (for example 100 for
 * "at least 100x fewer watches"), or {@code null} when the number is recorded without a goal.
 *
 * @param metric what is measured: {@code apiserver watches}
 * @param unit the unit of the absolute numbers: {@code watches}, {@code ms}, {@code MiB}
 * @param baseline the baseline's value
 * @param ours Octokube's value
 * @param lowerIsBetter whether a smaller value is better
 * @param goal the factor asked for, or null
 * @param goalText how the issue words the goal: {@code at least 100x fewer at 500 users}
 * @param limit an absolute bound on Octokube's value the goal also asks for (at most when lower
 *     is better, at least otherwise), or null: {@code 0.30} for "main thread under 30% busy"
 */
public record Comparison(
    String metric, String unit, double baseline, double ours, boolean lowerIsBetter,
    Double goal, String goalText, Double limit) {

  public Comparison {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(unit, "unit");
    goalText = goalText == null ? "" : goalText;
  }

  /** A comparison where smaller is better, with the factor the goal asks for (or null). */
  public static Comparison lower(String metric, String unit, double baseline, double ours,
      Double goal, String goalText) {
    return new Comparison(metric, unit, baseline, ours, true, goal, goalText, null);
  }

  /** A comparison where larger is better, with the factor the goal asks for (or null). */
  public static Comparison higher(String metric, String unit, double baseline, double ours,
      Double goal, String goalText) {
    return new Comparison(metric, unit, baseline, ours, false, goal, goalText, null);
  }

  /**
   * How many times better Octokube is than the baseline; infinite when Octokube's cost is zero
   * and the baseline's is not, NaN when both are zero.
   */
  public double factor() {
    double better = lowerIsBetter ? baseline : ours;
    double worse = lowerIsBetter ? ours : baseline;
    return better / worse;
  }

  /** This comparison, with an absolute bound on Octokube's value that the goal also asks for. */
  public Comparison withLimit(double bound) {
    return new Comparison(metric, unit, baseline, ours, lowerIsBetter, goal, goalText, bound);
  }

  /**
   * Whether the goal is met: the factor reaches {@code goal} and Octokube's value is within
   * {@code limit}, for whichever of the two is set; null when neither is, or the factor the goal
   * needs is undefined.
   */
  public Boolean met() {
    Boolean withinLimit = limit == null ? null : lowerIsBetter ? ours <= limit : ours >= limit;
    if (goal == null) {
      return withinLimit;
    }
    double factor = factor();
    if (Double.isNaN(factor)) {
      return withinLimit == null || withinLimit ? null : false;
    }
    return factor >= goal && (withinLimit == null || withinLimit);
  }
}
