package app.octokube.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Turns the JSON results of {@link IngestBenchmark} and {@link IngestStagesBenchmark} runs
 * ({@code -rf json}, with {@code -prof gc}) into the figures docs/benchmarks.md reports: each
 * benchmark's wall-clock throughput, CPU time and allocation per event; how much each of ours
 * adds to fabric8's parse; and the stages' shares of that, by subtraction.
 *
 * <p>Errors are 99.9% confidence half-widths over every measured iteration of every fork, as JMH
 * computes them (with JMH's own statistics). A ratio's or a difference's error combines its two
 * parts' errors. Several files (rounds of one fork each, run one after the other) are pooled, so
 * that a change in the machine's load between rounds spreads over every benchmark instead of
 * favouring one.
 *
 * <p>Usage: {@code java -cp benchmarks.jar app.octokube.bench.IngestReport <results.json>...}.
 */
public final class IngestReport {
  private static final double CONFIDENCE = 0.999;

  private IngestReport() {}

  /** Mean and error of one measure. */
  record Estimate(double mean, double error) {
    double relativeError() {
      return error / mean;
    }

    /** This estimate as a time per event in microseconds, from events per second. */
    Estimate perEventMicros() {
      double micros = 1e6 / mean;
      return new Estimate(micros, micros * relativeError());
    }

    Estimate minus(Estimate other) {
      return new Estimate(mean - other.mean, Math.hypot(error, other.error));
    }

    @Override
    public String toString() {
      return String.format("%.1f ± %.1f", mean, error);
    }
  }

  /** Every measured iteration of one metric, pooled over files and forks. */
  private static final class Samples {
    final Map<String, ListStatistics> byMetric = new LinkedHashMap<>();

    void add(String metric, JsonNode rawData) {
      if (rawData.isMissingNode()) {
        return;
      }
      ListStatistics stats = byMetric.computeIfAbsent(metric, m -> new ListStatistics());
      for (JsonNode fork : rawData) {
        for (JsonNode iteration : fork) {
          stats.addValue(iteration.asDouble());
        }
      }
    }

    Estimate get(String metric) {
      ListStatistics stats = byMetric.get(metric);
      return new Estimate(stats.getMean(), stats.getMeanErrorAt(CONFIDENCE));
    }

    long n() {
      return byMetric.get("primary").getN();
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, Samples> results = new LinkedHashMap<>();
    for (String file : args) {
      for (JsonNode result : new ObjectMapper().readTree(new File(file))) {
        String name = result.get("benchmark").asText().replace("app.octokube.bench.", "");
        Samples samples = results.computeIfAbsent(name, n -> new Samples());
        samples.add("primary", result.at("/primaryMetric/rawData"));
        samples.add("cpu", result.at("/secondaryMetrics/cpuNanosPerEvent/rawData"));
        samples.add("alloc", result.at("/secondaryMetrics/gc.alloc.rate.norm/rawData"));
      }
    }
    System.out.printf("%d result files%n%n", args.length);
    System.out.printf("%-50s %5s %22s %17s %14s%n", "benchmark", "iters", "score", "CPU us/event", "alloc B/event");
    results.forEach((name, s) -> System.out.printf("%-50s %5d %22s %17s %,14.0f%n", name, s.n(),
        s.get("primary") + (name.startsWith("IngestStages") ? " us" : " ev/s"),
        s.byMetric.containsKey("cpu") ? scaled(s.get("cpu"), 1e-3) : "-",
        s.byMetric.containsKey("alloc") ? s.get("alloc").mean() : Double.NaN));

    Samples parse = results.get("IngestBenchmark.fabric8Parse");
    System.out.printf("%n%-50s %24s %24s%n", "our part adds to the parse", "by wall throughput", "by CPU time");
    for (String ours : new String[] {"IngestBenchmark.parseProjectApplyEncode", "IngestBenchmark.parseProjectApplyEncodeBatch100"}) {
      Samples s = results.get(ours);
      System.out.printf("%-50s %24s %24s%n", ours,
          added(parse.get("primary").mean() / s.get("primary").mean(), parse.get("primary"), s.get("primary")),
          added(s.get("cpu").mean() / parse.get("cpu").mean(), parse.get("cpu"), s.get("cpu")));
    }

    Samples beside = results.get("IngestStagesBenchmark.parseBesideOurs");
    Samples parseProject = results.get("IngestStagesBenchmark.parseProject");
    Samples wholePath = results.get("IngestStagesBenchmark.parseProjectApplyEncode");
    if (beside == null || parseProject == null || wholePath == null) {
      return;
    }
    Estimate parseAlone = parse.get("primary").perEventMicros();
    Estimate parseBeside = beside.get("primary");
    Estimate withProjection = parseProject.get("primary");
    Estimate whole = wholePath.get("primary");
    System.out.printf("%nstages, us per event (by subtraction, wall clock)%n");
    System.out.printf("  fabric8 parse, in a JVM that only parses      %s%n", parseAlone);
    System.out.printf("  fabric8 parse, in a JVM that runs our code    %s%n", parseBeside);
    System.out.printf("  projection                                    %s%n", withProjection.minus(parseBeside));
    System.out.printf("  hot state apply + delta encode                %s%n", whole.minus(withProjection));
    System.out.printf("  whole path                                    %s%n", whole);
  }

  private static String scaled(Estimate e, double factor) {
    return new Estimate(e.mean() * factor, e.error() * factor).toString();
  }

  /** "+x% ± y" for a cost ratio of ours to the parse, with the combined relative error. */
  private static String added(double costRatio, Estimate a, Estimate b) {
    double relative = Math.hypot(a.relativeError(), b.relativeError());
    return String.format("%+.1f%% ± %.1f", (costRatio - 1) * 100, costRatio * relative * 100);
  }
}
