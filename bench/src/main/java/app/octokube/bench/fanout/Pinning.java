package app.octokube.bench.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins the Backend's JVM to core 0 and this JVM (the load generator: fake Agent and clients) to
 * core 1 with {@code taskset}, so each side's CPU is its own and the comparison of two variants is
 * fairer. Where {@code taskset} is missing or the machine has one core, nothing is pinned and
 * {@link #describe()} says so.
 */
final class Pinning implements AutoCloseable {
  private final boolean pinned;
  private final String restoreMask;
  private final String note;

  private Pinning(boolean pinned, String restoreMask, String note) {
    this.pinned = pinned;
    this.restoreMask = restoreMask;
    this.note = note;
  }

  /** Pins this JVM's threads to core 1, when possible; {@link #close()} restores its old mask. */
  static Pinning pinLoadGenerator() {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return new Pinning(false, null, "not pinned: this JVM sees fewer than 2 cores");
    }
    String pid = Long.toString(ProcessHandle.current().pid());
    String mask = run("taskset", "-p", pid);
    if (mask == null || !mask.contains(":")) {
      return new Pinning(false, null, "not pinned: taskset is not available");
    }
    String old = mask.substring(mask.lastIndexOf(':') + 1).trim();
    if (run("taskset", "-a", "-p", "-c", "1", pid) == null) {
      return new Pinning(false, null, "not pinned: taskset could not pin this JVM");
    }
    return new Pinning(true, old, "Backend JVM pinned to core 0 and the load generator (fake Agent and "
        + "clients, one JVM) to core 1 with taskset");
  }

  /** The command prefix that starts a process on core 0, or nothing when not pinned. */
  List<String> backendPrefix() {
    return pinned ? List.of("taskset", "-c", "0") : List.of();
  }

  String describe() {
    return note;
  }

  @Override
  public void close() {
    if (pinned) {
      run("taskset", "-a", "-p", restoreMask, Long.toString(ProcessHandle.current().pid()));
    }
  }

  /** Runs a short command; its output, or null if it failed or took more than 10 s. */
  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
