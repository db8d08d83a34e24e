package app.octokube.app.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code npm run <script>} in a directory, its output copied line by line to this JVM's
 * standard output (a forked test JVM's own stream must not be written to behind its back), and
 * ends it with all of its children (Vitest's workers, Chromium) when it overruns.
 */
public final class NpmScript {
  /** How a run ended: its exit status, or null when it was stopped for overrunning. */
  public record Result(Integer exitCode, Duration took) {
    public boolean timedOut() {
      return exitCode == null;
    }
  }

  private NpmScript() {}

  public static Result run(Path directory, String script, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("npm", "run", script));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    // Plain text: Maven's report is no terminal.
    builder.environment().put("NO_COLOR", "1");
    builder.environment().remove("FORCE_COLOR");
    long started = System.nanoTime();
    Process process = builder.start();
    Thread pump = new Thread(() -> copy(process), "npm-" + script + "-output");
    pump.setDaemon(true);
    pump.start();
    boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      System.out.println("[" + script + "] overran " + timeout + "; stopping it and its children");
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    pump.join(5_000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    return new Result(ended ? process.exitValue() : null, took);
  }

  private static void copy(Process process) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the output of npm", e);
    }
  }
}
