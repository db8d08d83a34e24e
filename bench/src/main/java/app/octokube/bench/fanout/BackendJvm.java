package app.octokube.bench.fanout;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.bench.suite.ScenarioFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Backend in a JVM of its own ({@link BackendMain}), seen from the scenario: start it, ask it
 * for its numbers, stop it. Its output goes to a log file in the scenario's output directory.
 * Closing it (always, in a finally block) ends the process, forcibly if it does not exit within
 * 10 s.
 */
final class BackendJvm implements AutoCloseable {
  /** Which Backend runs: the product, or the product without one feature. */
  enum Variant {
    PRODUCT(StreamLimits.Baseline.PRODUCT),
    ENCODE_PER_CLIENT(new StreamLimits.Baseline(true, false, false)),
    NO_SNAPSHOT_DEDUP(new StreamLimits.Baseline(false, true, false)),
    UNBOUNDED_WRITES(new StreamLimits.Baseline(false, false, true));

    private final StreamLimits.Baseline baseline;

    Variant(StreamLimits.Baseline baseline) {
      this.baseline = baseline;
    }

    StreamLimits.Baseline baseline() {
      return baseline;
    }
  }

  /**
   * How a scenario sizes its Backend besides the variant.
   *
   * @param heap the JVM's heap, as -Xmx takes it ({@code 2g})
   * @param snapshotTimeout how long the Backend waits for an Agent's snapshot before asking again,
   *     or null for the product's default
   * @param idleTimeout how long a client may be silent (no pong) before the Backend closes it, or
   *     null for the product's default
   */
  record Setup(String heap, Duration snapshotTimeout, Duration idleTimeout) {
    static Setup heap(String heap) {
      return new Setup(heap, null, null);
    }

    Setup withSnapshotTimeout(Duration timeout) {
      return new Setup(heap, timeout, idleTimeout);
    }

    Setup withIdleTimeout(Duration timeout) {
      return new Setup(heap, snapshotTimeout, timeout);
    }
  }

  /** The system properties by which {@link BackendMain} learns the timeouts of its {@link Setup}. */
  static final String SNAPSHOT_TIMEOUT = "octokube.bench.snapshotTimeout";
  static final String IDLE_TIMEOUT = "octokube.bench.idleTimeout";
  private static final int START_SECONDS = 60;
  static final String EXTRA_OPTIONS = "octokube.bench.backendJvmOptions";
  /**
   * The Backend's garbage collector in production: G1's concurrent refinement took 12–18% of the
   * one pinned core at half load, which the throughput collector does not spend (docs/benchmarks.md).
   */
  static final String BACKEND_COLLECTOR = "-XX:+UseParallelGC";
  /** Backends started by this JVM: the {@code %n} of {@link #extraOptions}. */
  private static final AtomicInteger STARTED = new AtomicInteger();

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int port;

  private BackendJvm(Process process, Writer log) throws InterruptedException {
    this.process = process;
    this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    Thread reader = new Thread(() -> pump(log), "okb-backend-output");
    reader.setDaemon(true);
    reader.start();
    String ready = await("ready", START_SECONDS);
    this.port = Integer.parseInt(ready.trim());
  }

  /**
   * Starts a Backend with {@code policy}, the Agent token hash of cluster {@code c1}, and
   * {@code setup}, waiting until it listens.
   *
   * @throws ScenarioFailure if it does not come up within 60 s
   */
  static BackendJvm start(Variant variant, Path policy, String agentTokenHash, Setup setup, Pinning pinning,
      Path logFile) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(pinning.backendPrefix());
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // The collector the chart gives the Backend (JDK_JAVA_OPTIONS in backend-deployment.yaml).
    command.addAll(List.of("-Xms" + setup.heap(), "-Xmx" + setup.heap(), BACKEND_COLLECTOR,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    if (setup.snapshotTimeout() != null) {
      command.add("-D" + SNAPSHOT_TIMEOUT + "=" + setup.snapshotTimeout());
    }
    if (setup.idleTimeout() != null) {
      command.add("-D" + IDLE_TIMEOUT + "=" + setup.idleTimeout());
    }
    command.addAll(extraOptions(variant));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        BackendMain.class.getName(), policy.toString(), agentTokenHash, variant.name()));
    Files.createDirectories(logFile.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    try {
      return new BackendJvm(process, log);
    } catch (RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * JVM options from the system property {@value #EXTRA_OPTIONS} (split at spaces), for profiling
   * the Backend, e.g. {@code -XX:StartFlightRecording=filename=/tmp/%v-%n.jfr}; {@code %v} becomes
   * the variant's name and {@code %n} how many Backends this JVM started before, so every Backend
   * of a run (a scenario may start the same variant twice) records to a file of its own.
   */
  private static List<String> extraOptions(Variant variant) {
    String options = System.getProperty(EXTRA_OPTIONS, "").trim();
    int sequence = STARTED.getAndIncrement();
    if (options.isEmpty()) {
      return List.of();
    }
    List<String> split = new ArrayList<>();
    for (String option : options.split("\\s+")) {
      split.add(option.replace("%v", variant.name().toLowerCase(java.util.Locale.ROOT))
          .replace("%n", Integer.toString(sequence)));
    }
    return split;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** The Backend's numbers now. */
  BackendStats stats() throws InterruptedException {
    return ask("stats");
  }

  /** The Backend's numbers after full collections: heap in use is then its live heap. */
  BackendStats statsAfterGc() throws InterruptedException {
    return ask("gc");
  }

  /** Restarts the sampling of the peak heap. */
  void resetPeak() throws InterruptedException {
    commands.println("peak");
    await("peak", 10);
  }

  private BackendStats ask(String command) throws InterruptedException {
    commands.println(command);
    return BackendStats.parse(await("stats", 30));
  }

  private String await(String kind, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new ScenarioFailure("the Backend JVM did not answer '" + kind + "' within " + seconds + " s"
            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
      }
      if (line.equals("exited")) {
        throw new ScenarioFailure("the Backend JVM exited before answering '" + kind + "'; see its log");
      }
      if (line.startsWith(kind)) {
        return line.substring(kind.length());
      }
    }
  }

  private void pump(Writer log) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer writer = log) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(BackendMain.TAG)) {
          answers.add(line.substring(BackendMain.TAG.length()));
        } else {
          writer.write(line);
          writer.write('\n');
        }
      }
    } catch (IOException e) {
      // The process ended; what it said so far is in the log.
    } finally {
      answers.add("exited");
    }
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("quit");
    commands.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
