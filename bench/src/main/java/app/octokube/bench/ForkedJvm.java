package app.octokube.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a harness's measuring half in a fresh JVM, as JMH does with its forks, so that one
 * variant's heap, JIT state and caches never leak into another's numbers.
 *
 * <p>The child gets this JVM's java binary and class path, the given JVM options and nothing
 * else; its standard error passes through, and its lines starting with {@link #RESULT} are its
 * answer.
 */
final class ForkedJvm {
  /** The prefix of a line a child reports a measurement on. */
  static final String RESULT = "RESULT ";

  private ForkedJvm() {}

  /** Runs {@code main} with {@code args} in a new JVM and returns its result lines, prefix removed. */
  static List<String> run(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> results = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(RESULT)) {
            results.add(line.substring(RESULT.length()));
          } else {
            System.out.println("  | " + line);
          }
        }
      }
      int exit = child.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " exited with " + exit);
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("starting a forked JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a forked JVM", e);
    }
  }
}
