package app.octokube.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSuiteTest {
  @TempDir Path out;
  private final StringWriter progress = new StringWriter();

  private Settings settings() {
    return new Settings(true, out, new PrintWriter(progress, true));
  }

  @Test
  void writesEveryOutcomeToJsonAndGoesOnAfterAFailure() throws IOException {
    Scenario failing = scenario("broken", () -> {
      throw new ScenarioFailure("the Backend did not come up within 30 s");
    });
    Scenario working = scenario("works", () -> new ScenarioResult(List.of(
        Comparison.lower("apiserver watches", "watches", 2500, 5, 100.0, "at least 100x fewer"),
        Comparison.higher("deliveries per second", "/s", 10_000, 25_000, 3.0, "at least 3x")),
        "Limited by the load generator.", Map.of("users", List.of(1, 10))));

    SuiteReport report = new BenchSuite(List.of(failing, working), settings(), "octokube bench --quick").run();

    assertThat(report.anyFailed()).isTrue();
    JsonNode json = new ObjectMapper().readTree(out.resolve(BenchSuite.RESULTS_FILE).toFile());
    assertThat(json.get("command").asText()).isEqualTo("octokube bench --quick");
    assertThat(json.get("machine").get("cores").asInt()).isPositive();
    JsonNode scenarios = json.get("scenarios");
    assertThat(scenarios.get(0).get("failure").asText()).contains("did not come up");
    JsonNode watches = scenarios.get(1).get("comparisons").get(0);
    assertThat(watches.get("timesBetter").asDouble()).isEqualTo(500.0);
    assertThat(watches.get("met").asBoolean()).isTrue();
    JsonNode deliveries = scenarios.get(1).get("comparisons").get(1);
    assertThat(deliveries.get("timesBetter").asDouble()).isEqualTo(2.5);
    assertThat(deliveries.get("met").asBoolean()).isFalse();
    assertThat(scenarios.get(1).get("details").get("users").size()).isEqualTo(2);
    assertThat(progress.toString()).contains("[broken] FAILED: the Backend did not come up");
  }

  @Test
  void ratiosSayHowManyTimesBetterAndHandleZeros() {
    assertThat(Markdown.ratio(Comparison.lower("w", "", 2500, 5, null, ""))).isEqualTo("500× lower");
    assertThat(Markdown.ratio(Comparison.higher("d", "", 10, 31, null, ""))).isEqualTo("3.10× higher");
    assertThat(Markdown.ratio(Comparison.lower("p99", "ms", 10, 20, null, ""))).isEqualTo("2× higher (worse)");
    assertThat(Markdown.ratio(Comparison.higher("rate", "", 100, 80, null, ""))).isEqualTo("1.25× lower (worse)");
    assertThat(Markdown.ratio(Comparison.lower("w", "", 7, 0, null, ""))).isEqualTo("none at all");
    assertThat(Comparison.lower("w", "", 0, 0, 2.0, "").met()).isNull();
  }

  @Test
  void anAbsoluteLimitMustHoldBesideTheFactor() {
    Comparison busy = Comparison.lower("busy share", "", 0.80, 0.28, null, "under 30% busy");
    assertThat(busy.withLimit(0.30).met()).isTrue();
    assertThat(busy.withLimit(0.25).met()).isFalse();
    Comparison longTasks = Comparison.lower("long tasks", "tasks", 0, 0, 2.0, "none").withLimit(0);
    assertThat(longTasks.met()).isNull();
    assertThat(Comparison.lower("long tasks", "tasks", 0, 1, 2.0, "none").withLimit(0).met()).isFalse();
    assertThat(Comparison.lower("long tasks", "tasks", 0, 0, null, "none").withLimit(0).met()).isTrue();
    assertThat(Comparison.higher("rate", "/s", 10, 40, 3.0, "3x").withLimit(50).met()).isFalse();
  }

  @Test
  void replacesOnlyTheGeneratedSectionOfTheDoc() throws IOException {
    Scenario working = scenario("works", () -> new ScenarioResult(List.of(
        Comparison.lower("snapshot requests", "requests", 1000, 1, 1000.0, "1 instead of 1,000")),
        "One request | deduplicated.", Map.of()));
    SuiteReport report = new BenchSuite(List.of(working), settings(), "octokube bench").run();
    Path doc = out.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\nhand-written\n" + Markdown.BEGIN + "\nold run\n" + Markdown.END + "\ntail\n");

    BenchSuite.updateDoc(doc, report);

    String text = Files.readString(doc);
    assertThat(text).startsWith("# Benchmarks\nhand-written\n" + Markdown.BEGIN).endsWith(Markdown.END + "\ntail\n");
    assertThat(text).doesNotContain("old run")
        .contains("| works-title | snapshot requests | **1,000× lower** | 1 instead of 1,000 | yes | 1,000 requests | 1 requests |")
        .contains("One request | deduplicated.");
  }

  @Test
  void aDocWithoutTheMarkersIsRefusedUntouched() throws IOException {
    SuiteReport report = new BenchSuite(List.of(), settings(), "octokube bench").run();
    Path doc = out.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n");
    assertThatThrownBy(() -> BenchSuite.updateDoc(doc, report)).hasMessageContaining("no generated section");
    assertThat(Files.readString(doc)).isEqualTo("# Benchmarks\n");
  }

  private interface Body {
    ScenarioResult run() throws Exception;
  }

  private static Scenario scenario(String id, Body body) {
    return new Scenario() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return id + "-title";
      }

      @Override
      public ScenarioResult run(Settings settings) throws Exception {
        return body.run();
      }
    };
  }
}
