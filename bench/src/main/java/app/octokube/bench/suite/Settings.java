package app.octokube.bench.suite;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a scenario runs: {@code quick} for a short run (the whole suite in a few minutes),
 * {@code out} a directory the scenario may write raw data to, and {@code progress} where it says
 * what it is doing, a line at a time, so that a long run is never silent.
 */
public record Settings(boolean quick, Path out, PrintWriter progress) {
  public Settings {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progress, "progress");
  }

  /** Prints one progress line, prefixed with the scenario's id. */
  public void say(Scenario scenario, String format, Object... args) {
    progress.printf("  [%s] %s%n", scenario.id(), String.format(java.util.Locale.ROOT, format, args));
    progress.flush();
  }
}
