package app.octokube.app;

import app.octokube.bench.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octokube bench}: runs the benchmarks that exist so far (bench/, docs/benchmarks.md),
 * each beside its baseline in the same run, and writes their JMH results as JSON.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the benchmarks, each beside its baseline in the same run, and write JSON results.",
      "Today: Agent ingest (fabric8 parse alone vs parse + projection + apply + encode) and the",
      "150,000-pod snapshot (streamed chunks vs one write). docs/benchmarks.md explains them and",
      "the harnesses for memory and heap. Close other work first: the numbers are CPU-bound."
    },
    sortOptions = false)
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "One short fork per benchmark, ingest only: a few minutes.")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
      description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new BadConfiguration("--out " + out + " cannot be created: " + e.getMessage());
    }
    if (!Files.isWritable(out)) {
      throw new BadConfiguration("--out " + out + " is not writable");
    }
    PrintWriter say = spec.commandLine().getOut();
    List<String> benchmarks = quick ? List.of("IngestBenchmark") : List.of("IngestBenchmark", "SnapshotBenchmark");
    for (String benchmark : benchmarks) {
      Path result = out.resolve(benchmark + ".json").toAbsolutePath();
      say.printf("octokube bench: running %s (results in %s)%n", benchmark, result);
      say.flush();
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include("app\\.octokube\\.bench\\." + benchmark + "\\.")
          .resultFormat(ResultFormatType.JSON)
          .result(result.toString())
          .forks(1);
      if (quick) {
        options.warmupIterations(2).measurementIterations(3);
      }
      new Runner(options.build()).run();
      if (benchmark.equals("IngestBenchmark")) {
        IngestReport.main(new String[] {result.toString()});
      }
    }
    say.printf("octokube bench: done; see docs/benchmarks.md for what each number means%n");
    return 0;
  }
}
