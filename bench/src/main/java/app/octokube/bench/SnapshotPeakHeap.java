package app.octokube.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Peak extra heap of one snapshot of many pods: the Agent's chunked stream against one {@code
 * writeValueAsBytes} of the whole list (see {@link SnapshotFixture}), each measured by {@link
 * HeapProbe} in fresh JVMs with the same fixed heap and collector as {@link SnapshotBenchmark}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar app.octokube.bench.SnapshotPeakHeap [pods] [forks]}
 * (defaults 150,000 and 2); or {@code java -Xmx<size> -cp benchmarks.jar
 * app.octokube.bench.SnapshotPeakHeap --once oneWrite|streamed [pods]} to see whether one
 * snapshot fits in a given heap. Each fork builds the pods once, runs its variant {@value #WARMUPS}
 * times to warm up, then measures it {@value #RUNS} times, each time once as it is (for the pool
 * peak) and once with live-heap samples (for the peak live extra); the table gives the median and
 * the maximum over every measured run of every fork.
 */
public final class SnapshotPeakHeap {
  static final List<String> JVM = List.of("-Xms4g", "-Xmx4g", "-XX:+UseG1GC");
  static final int WARMUPS = 3;
  static final int RUNS = 5;

  /** 150,000 pods make about 440 chunks, so about 9 samples of live heap per streamed run. */
  static final int SAMPLE_EVERY_CHUNKS = 50;
  private static final double MIB = 1 << 20;

  private SnapshotPeakHeap() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), RUNS);
      return;
    }
    if (args.length > 0 && args[0].equals("--once")) {
      once(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 150_000);
      return;
    }
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
    int forks = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    System.out.printf("Snapshot peak extra heap, %,d pods, %d forks x %d runs per variant, JVM %s%n",
        pods, forks, RUNS, JVM);
    List<String> oneWrite = new ArrayList<>();
    List<String> streamed = new ArrayList<>();
    for (int fork = 0; fork < forks; fork++) {
      oneWrite.addAll(ForkedJvm.run(JVM, SnapshotPeakHeap.class, "--child", "oneWrite", Integer.toString(pods)));
      streamed.addAll(ForkedJvm.run(JVM, SnapshotPeakHeap.class, "--child", "streamed", Integer.toString(pods)));
    }
    System.out.println();
    System.out.println("variant      peak live extra MiB (median / max)   pool peak extra MiB (median / max)   GCs/run   output MiB");
    Summary base = print("oneWrite", oneWrite);
    Summary ours = print("streamed", streamed);
    System.out.printf("%nratio oneWrite/streamed, median peak live extra: %.1fx; pool peak extra: %.1fx%n",
        base.liveMedian / ours.liveMedian, base.poolMedian / ours.poolMedian);
  }

  /**
   * Runs one variant once in whatever heap this JVM was given: run it with a heap just above
   * the hot state's size to see which variant fits (the one write needs about twice its output
   * beside the state; the stream, one chunk).
   */
  static void once(String variant, int pods) throws Exception {
    try (SnapshotFixture fixture = SnapshotFixture.load(pods)) {
      HeapProbe.settle();
      long state = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long max = Runtime.getRuntime().maxMemory();
      System.out.printf("%s: hot state of %,d pods holds %.0f MiB of a %.0f MiB heap%n", variant, pods, state / MIB, max / MIB);
      Object output = variant.equals("oneWrite") ? fixture.oneWrite() : fixture.streamed(false);
      System.out.printf("%s: completed, %.0f MiB encoded%n", variant, outputBytes(output) / MIB);
    }
  }

  /** Measures one variant in this JVM and prints one result line per run. */
  static void child(String variant, int pods, int runs) throws Exception {
    try (SnapshotFixture fixture = SnapshotFixture.load(pods)) {
      Supplier<Object> operation = switch (variant) {
        case "oneWrite" -> fixture::oneWrite;
        case "streamed" -> () -> fixture.streamed(false);
        default -> throw new IllegalArgumentException("unknown variant " + variant);
      };
      for (int i = 0; i < WARMUPS; i++) {
        operation.get();
      }
      for (int i = 0; i < runs; i++) {
        HeapProbe probe = HeapProbe.start();
        HeapProbe.Result unsampled = probe.finish(operation.get());
        probe = HeapProbe.start();
        Object output = sampled(variant, fixture, probe);
        HeapProbe.Result sampled = probe.finish(output);
        System.out.println(ForkedJvm.RESULT + sampled.peakLiveExtra() + " " + unsampled.poolPeakExtra() + " "
            + sampled.collections() + " " + outputBytes(output));
      }
    }
  }

  /**
   * One run with live-heap samples where the variant holds the most: the streamed snapshot right
   * after a chunk is encoded (every {@value #SAMPLE_EVERY_CHUNKS}th chunk, while its frame is
   * held), the one write at its end (where {@link HeapProbe#finish} samples it, holding the
   * output).
   */
  private static Object sampled(String variant, SnapshotFixture fixture, HeapProbe probe) {
    if (variant.equals("oneWrite")) {
      return fixture.oneWrite();
    }
    return fixture.streamed(false, (index, frame) -> {
      if (index % SAMPLE_EVERY_CHUNKS == 0) {
        probe.sample(frame);
      }
    });
  }

  private static long outputBytes(Object output) {
    return output instanceof byte[] bytes ? bytes.length : ((SnapshotFixture.StreamedSnapshot) output).bytes();
  }

  private record Summary(double liveMedian, double poolMedian) {}

  private static Summary print(String variant, List<String> lines) {
    long[] live = column(lines, 0);
    long[] pool = column(lines, 1);
    long[] gcs = column(lines, 2);
    long[] out = column(lines, 3);
    System.out.printf("%-12s %15.1f / %-15.1f %19.1f / %-15.1f %6.1f %12.1f%n", variant,
        Stats.median(live) / MIB, Stats.max(live) / MIB, Stats.median(pool) / MIB, Stats.max(pool) / MIB,
        Stats.mean(gcs), Stats.median(out) / MIB);
    return new Summary(Stats.median(live), Stats.median(pool));
  }

  private static long[] column(List<String> lines, int index) {
    return lines.stream().mapToLong(line -> Long.parseLong(line.split(" ")[index])).toArray();
  }
}
