package app.octokube.bench.suite;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The generated section of docs/benchmarks.md: one run of the suite, ratios first. */
public final class Markdown {
  /** The line that opens the generated section. */
  public static final String BEGIN = "<!-- octokube bench: generated section begins; edits inside are overwritten -->";
  /** The line that closes it. */
  public static final String END = "<!-- octokube bench: generated section ends -->";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Markdown() {}

  /** The section, markers included. */
  public static String render(SuiteReport report) {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n\n");
    md.append(String.format(Locale.ROOT,
        "Latest run: **%s**, `%s`%s, %.1f min; load average %.2f before and %.2f after.%n%n",
        WHEN.format(report.started()), report.command(), report.quick() ? " (quick: shorter steps, fewer sizes)" : "",
        report.took().toSeconds() / 60.0, report.loadBefore(), report.loadAfter()));
    md.append("Machine: ").append(report.machine()).append(".\n\n");
    md.append("| Scenario | Measure | Octokube vs baseline | Goal | Met? | Baseline | Octokube |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (SuiteReport.Outcome outcome : report.outcomes()) {
      if (outcome.failed()) {
        md.append("| ").append(outcome.title()).append(" | — | **failed**: ")
            .append(escape(outcome.failure())).append(" | | | | |\n");
        continue;
      }
      for (Comparison c : outcome.result().comparisons()) {
        md.append("| ").append(outcome.title())
            .append(" | ").append(escape(c.metric()))
            .append(" | **").append(ratio(c)).append("**")
            .append(" | ").append(escape(c.goalText()))
            .append(" | ").append(met(c))
            .append(" | ").append(number(c.baseline())).append(' ').append(c.unit())
            .append(" | ").append(number(c.ours())).append(' ').append(c.unit())
            .append(" |\n");
      }
    }
    for (SuiteReport.Outcome outcome : report.outcomes()) {
      md.append("\n#### ").append(outcome.title()).append("\n\n");
      if (outcome.failed()) {
        md.append("Failed after ").append(outcome.took().toSeconds()).append(" s: ")
            .append(outcome.failure()).append("\n");
      } else {
        md.append(outcome.result().reading().strip()).append("\n");
      }
    }
    md.append('\n').append(END);
    return md.toString();
  }

  /**
   * How Octokube compares: "500× lower", "3.10× higher", or, when the baseline does better,
   * "1.28× higher (worse)": the factor is always at least one, the direction is Octokube's.
   */
  public static String ratio(Comparison c) {
    double factor = c.factor();
    if (Double.isNaN(factor)) {
      return "both zero";
    }
    if (Double.isInfinite(factor)) {
      return c.lowerIsBetter() ? "none at all" : "unbounded";
    }
    if (factor < 1) {
      String direction = c.lowerIsBetter() ? "higher" : "lower";
      return String.format(Locale.ROOT, "%s× %s (worse)", number(1 / factor), direction);
    }
    return String.format(Locale.ROOT, "%s× %s", number(factor), c.lowerIsBetter() ? "lower" : "higher");
  }

  private static String met(Comparison c) {
    Boolean met = c.met();
    return met == null ? "—" : met ? "yes" : "**no**";
  }

  /** Three significant figures, thousands separated. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "—";
    }
    double abs = Math.abs(value);
    if (abs >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
