package app.octokube.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark class in forks, as {@code java -jar benchmarks.jar} would, and keeps its
 * JSON results in the output directory; the JMH scenarios read their numbers from here.
 */
final class JmhRun {
  private final Map<String, RunResult> byMethod = new TreeMap<>();

  private JmhRun(Collection<RunResult> results) {
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      byMethod.put(label.substring(label.lastIndexOf('.') + 1), result);
    }
  }

  /**
   * Runs {@code benchmark}'s methods; {@code quick} gives one fork of 3 warm-up and 3 measured
   * iterations of two seconds each instead of the class's own settings.
   */
  static JmhRun of(Class<?> benchmark, boolean quick, Path out) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve(benchmark.getSimpleName() + ".json").toAbsolutePath().toString())
        .shouldFailOnError(true);
    if (quick) {
      options.forks(1).warmupIterations(3).measurementIterations(3)
          .warmupTime(TimeValue.seconds(2)).measurementTime(TimeValue.seconds(2));
    }
    return new JmhRun(new Runner(options.build()).run());
  }

  /** The primary score of {@code method}: the mean over every measured iteration of every fork. */
  double mean(String method) {
    return result(method).getPrimaryResult().getStatistics().getMean();
  }

  /** The primary score's 99.9% confidence half-width. */
  double error(String method) {
    return result(method).getPrimaryResult().getScoreError();
  }

  /**
   * A secondary score of {@code method}, such as a counter of an {@code @AuxCounters} state, as
   * the mean over iterations (JMH's own score of an event counter is their sum).
   */
  double secondaryMean(String method, String name) {
    Result<?> secondary = result(method).getSecondaryResults().get(name);
    if (secondary == null) {
      throw new IllegalStateException(method + " reported no " + name);
    }
    return secondary.getStatistics().getMean();
  }

  private RunResult result(String method) {
    RunResult result = byMethod.get(method);
    if (result == null) {
      throw new IllegalStateException("JMH ran no " + method + "; it ran " + byMethod.keySet());
    }
    return result;
  }
}
