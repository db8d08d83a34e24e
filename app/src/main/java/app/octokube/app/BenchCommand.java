package app.octokube.app;

import app.octokube.bench.Scenarios;
import app.octokube.bench.suite.BenchSuite;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.Settings;
import app.octokube.bench.suite.SuiteReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octokube bench}: runs the benchmark scenarios (bench/, docs/benchmarks.md), each beside
 * its baseline in the same run, writes results.json and rewrites the generated section of
 * docs/benchmarks.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the benchmark scenarios on loopback, each beside its baseline in the same run; write",
      "DIR/results.json and the generated section of docs/benchmarks.md. Close other work first:",
      "the load generator and the system under test share this machine's cores."
    },
    sortOptions = false)
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Shorter steps and fewer sizes: the whole suite in a few minutes.")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
      description = "Where results.json and raw data go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--only", paramLabel = "ID", split = ",",
      description = "Run only these scenarios (comma-separated ids; --list shows them).")
  List<String> only;

  @Option(names = "--list", description = "List the scenarios and exit.")
  boolean list;

  @Option(names = "--docs", paramLabel = "FILE",
      description = {"The benchmarks doc to update (default: docs/benchmarks.md in the working directory or above;",
          "with --only, only when this is given, since the generated section is replaced whole)."})
  Path docs;

  @Option(names = "--no-docs", description = "Leave docs/benchmarks.md alone.")
  boolean noDocs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter say = spec.commandLine().getOut();
    List<Scenario> scenarios = selected(Scenarios.all());
    if (list) {
      for (Scenario scenario : Scenarios.all()) {
        say.printf("%-16s %s%n", scenario.id(), scenario.title());
      }
      say.flush();
      return 0;
    }
    // A partial run would replace the whole generated section with its few scenarios: it writes
    // the doc only when asked to with --docs.
    boolean partial = only != null && !only.isEmpty();
    Optional<Path> doc = noDocs || (partial && docs == null) ? Optional.empty() : docToUpdate();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new BadConfiguration("--out " + out + " cannot be created: " + e.getMessage());
    }
    if (!Files.isWritable(out)) {
      throw new BadConfiguration("--out " + out + " is not writable");
    }
    quietComponentLogs();
    String command = commandLine();
    SuiteReport report = new BenchSuite(scenarios, new Settings(quick, out, say), command).run();
    if (doc.isPresent()) {
      BenchSuite.updateDoc(doc.get(), report);
      say.printf("octokube bench: updated %s%n", doc.get());
    } else if (partial && !noDocs) {
      say.printf("octokube bench: --only leaves docs/benchmarks.md alone (give --docs FILE to write it); results in %s%n", out);
    } else if (!noDocs) {
      say.printf("octokube bench: no docs/benchmarks.md here or above; results are only in %s%n", out);
    }
    long failed = report.outcomes().stream().filter(SuiteReport.Outcome::failed).count();
    say.printf("octokube bench: %d of %d scenario(s) measured in %.1f min%s%n", report.outcomes().size() - failed,
        report.outcomes().size(), report.took().toSeconds() / 60.0, failed == 0 ? "" : "; " + failed + " FAILED (see above)");
    say.flush();
    return failed == 0 ? 0 : 1;
  }

  /**
   * How the run was asked for, as docs/benchmarks.md quotes it: {@code ./octokube bench --quick}.
   * The parse result holds the whole command line, the subcommand's name included.
   */
  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int own = args.indexOf(spec.name());
    List<String> options = own < 0 ? args : args.subList(own + 1, args.size());
    return "./octokube bench" + (options.isEmpty() ? "" : " " + String.join(" ", options));
  }

  /**
   * The scenarios start Agents, Backends and simulated apiservers in this JVM; their routine
   * INFO lines (connected, watching, listening) would bury the suite's progress, so only their
   * warnings and errors are shown.
   */
  private static void quietComponentLogs() {
    for (String name : List.of("app.octokube", "io.vertx", "io.netty", "io.fabric8")) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  private List<Scenario> selected(List<Scenario> all) {
    if (only == null || only.isEmpty()) {
      return all;
    }
    Set<String> wanted = new LinkedHashSet<>(only);
    List<Scenario> chosen = new ArrayList<>();
    for (Scenario scenario : all) {
      if (wanted.remove(scenario.id())) {
        chosen.add(scenario);
      }
    }
    if (!wanted.isEmpty()) {
      throw new BadConfiguration("--only: no scenario " + String.join(", ", wanted) + "; the scenarios are "
          + String.join(", ", all.stream().map(Scenario::id).toList()));
    }
    return chosen;
  }

  private Optional<Path> docToUpdate() {
    if (docs != null) {
      if (!Files.isWritable(docs)) {
        throw new BadConfiguration("--docs " + docs + " is not a writable file");
      }
      return Optional.of(docs);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/benchmarks.md");
      if (Files.isWritable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
