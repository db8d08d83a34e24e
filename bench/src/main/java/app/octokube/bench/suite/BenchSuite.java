package app.octokube.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenarios one after the other, never two at once (they share the machine), and writes
 * their results: {@code results.json} in the output directory, and the generated section of
 * docs/benchmarks.md.
 *
 * <p>A scenario that fails is recorded with its message and the suite goes on with the next;
 * the run as a whole then reports failure.
 */
public final class BenchSuite {
  /** The results file's name inside the output directory. */
  public static final String RESULTS_FILE = "results.json";

  private final List<Scenario> scenarios;
  private final Settings settings;
  private final String command;

  public BenchSuite(List<Scenario> scenarios, Settings settings, String command) {
    this.scenarios = List.copyOf(scenarios);
    this.settings = settings;
    this.command = command;
  }

  /** Runs every scenario and writes {@code results.json}; returns the report. */
  public SuiteReport run() throws IOException {
    Instant started = Instant.now();
    double loadBefore = Machine.loadAverage();
    Machine machine = Machine.current();
    settings.progress().printf("octokube bench: %d scenario(s) on %s; load average %.2f%n",
        scenarios.size(), machine, loadBefore);
    List<SuiteReport.Outcome> outcomes = new ArrayList<>();
    int index = 0;
    for (Scenario scenario : scenarios) {
      index++;
      settings.progress().printf("octokube bench: [%d/%d] %s%n", index, scenarios.size(), scenario.title());
      settings.progress().flush();
      outcomes.add(runOne(scenario));
    }
    SuiteReport report = new SuiteReport(started, Duration.between(started, Instant.now()), command,
        settings.quick(), machine, loadBefore, Machine.loadAverage(), outcomes);
    Path results = settings.out().resolve(RESULTS_FILE);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.toFile(), report.asMap());
    settings.progress().printf("octokube bench: results in %s%n", results.toAbsolutePath());
    settings.progress().flush();
    return report;
  }

  private SuiteReport.Outcome runOne(Scenario scenario) {
    Instant start = Instant.now();
    try {
      ScenarioResult result = scenario.run(settings);
      Duration took = Duration.between(start, Instant.now());
      for (Comparison c : result.comparisons()) {
        settings.say(scenario, "%s: %s", c.metric(), Markdown.ratio(c));
      }
      return new SuiteReport.Outcome(scenario.id(), scenario.title(), took, result, null);
    } catch (Exception | AssertionError | OutOfMemoryError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      settings.say(scenario, "FAILED: %s", message);
      if (!(e instanceof ScenarioFailure)) {
        e.printStackTrace(settings.progress());
      }
      return new SuiteReport.Outcome(scenario.id(), scenario.title(), Duration.between(start, Instant.now()), null, message);
    }
  }

  /**
   * Replaces the generated section of {@code doc} (between {@link Markdown#BEGIN} and
   * {@link Markdown#END}) with {@code report}; the rest of the file is left as it is.
   *
   * @throws IOException if the file cannot be read or written, or has no such section
   */
  public static void updateDoc(Path doc, SuiteReport report) throws IOException {
    String text = Files.readString(doc);
    int begin = text.indexOf(Markdown.BEGIN);
    int end = text.indexOf(Markdown.END);
    if (begin < 0 || end < begin) {
      throw new IOException(doc + " has no generated section: add the lines " + Markdown.BEGIN
          + " and " + Markdown.END + " where the results should go");
    }
    String updated = text.substring(0, begin) + Markdown.render(report) + text.substring(end + Markdown.END.length());
    Files.writeString(doc, updated);
  }
}
