package app.octokube.bench.fanout;

import app.octokube.backend.Backend;
import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.server.BackendConfig;
import app.octokube.backend.server.BackendServer;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.ClusterId;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The system under test of the fan-out scenarios: the real {@link Backend} (policy file, API
 * tokens, streams, agent link) in a JVM of its own, so its CPU time, allocations and heap are its
 * own and not the load generator's. Started by {@link BackendJvm}.
 *
 * <p>Arguments: the policy file, the SHA-256 (hex) of the Agent token of cluster {@code c1}, the
 * baseline ({@link BackendJvm.Variant} name). It prints {@code OKB ready <port>} once listening,
 * then answers each line on standard input: {@code stats} with {@code OKB stats ...}
 * ({@link BackendStats}), {@code gc} the same after full collections (live heap), {@code peak}
 * restarts the peak heap sampling. It exits when standard input closes, so it never outlives the
 * scenario that started it.
 */
public final class BackendMain {
  static final String TAG = "OKB ";

  private BackendMain() {}

  public static void main(String[] args) throws Exception {
    Path policy = Path.of(args[0]);
    String agentTokenHash = args[1];
    BackendJvm.Variant variant = BackendJvm.Variant.valueOf(args[2]);
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    // As the octokube command makes it, with Vert.x's default event loops: two per core this process
    // may use (two when pinned to one).
    Vertx vertx = BackendServer.newVertx();
    Backend backend = null;
    try {
      StreamLimits limits = StreamLimits.DEFAULTS.withBaseline(variant.baseline());
      String snapshotTimeout = System.getProperty(BackendJvm.SNAPSHOT_TIMEOUT);
      if (snapshotTimeout != null) {
        limits = limits.withSnapshotTimeout(Duration.parse(snapshotTimeout));
      }
      String idleTimeout = System.getProperty(BackendJvm.IDLE_TIMEOUT);
      if (idleTimeout != null) {
        limits = limits.withHeartbeat(limits.pingInterval(), Duration.parse(idleTimeout));
      }
      BackendConfig config = BackendConfig.of("127.0.0.1", 0, Set.of(),
              AgentTokens.fromHashes(Map.of(ClusterId.of("c1"), agentTokenHash)))
          .withLimits(limits);
      backend = Backend.start(vertx, config, PolicyFile.watch(vertx, policy), false);
      say("ready " + backend.port());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "stats" -> say("stats " + BackendStats.now(sampler, false).line());
          case "gc" -> say("stats " + BackendStats.now(sampler, true).line());
          case "peak" -> {
            sampler.reset();
            say("peak");
          }
          case "quit" -> {
            return;
          }
          default -> say("error unknown command " + line);
        }
      }
    } finally {
      sampler.interrupt();
      if (backend != null) {
        backend.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      System.out.flush();
      stopFlightRecordings();
      // Non-daemon threads of libraries must not keep a Backend alive once its scenario is done.
      Runtime.getRuntime().halt(0);
    }
  }

  /** Stops flight recordings started from the command line, which writes them: halt would lose them. */
  private static void stopFlightRecordings() {
    if (jdk.jfr.FlightRecorder.isInitialized()) {
      for (jdk.jfr.Recording recording : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
        if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
          recording.stop();
        }
      }
    }
  }

  private static synchronized void say(String line) {
    System.out.println(TAG + line);
    System.out.flush();
  }

  /** Samples the heap in use every 10 ms: the peak includes garbage not yet collected. */
  static final class HeapSampler extends Thread {
    private volatile long peak;

    HeapSampler() {
      super("okb-heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (used > peak) {
          peak = used;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() {
      return peak;
    }

    void reset() {
      peak = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }

  /** Bytes of direct memory in use: the JDK's direct buffers plus Netty's own, where it counts them. */
  static long directBytes() {
    long total = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        total += pool.getMemoryUsed();
      }
    }
    long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
    return total + Math.max(0, netty);
  }

  /** The resident set of this process from /proc, or -1 elsewhere. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
