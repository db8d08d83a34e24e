package app.octokube.bench;

import app.octokube.agent.engine.QueueConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A snapshot of 150,000 realistic pods: how long until the first bytes can go on the wire, and
 * how long until all of them have, for the Agent's chunked stream against one {@code
 * writeValueAsBytes} of the whole list (see {@link SnapshotFixture}). Peak heap is measured apart,
 * by {@link SnapshotPeakHeap}, since JMH has no place for it.
 *
 * <p>Each call is timed alone ({@link Mode#SingleShotTime}): one snapshot is a few hundred
 * milliseconds of work, long enough to time on its own and to want a steady heap under it, which
 * the fixed heap and {@code -gc true} on the command line give. The baseline's time to first byte
 * is its total time: its one message exists only once it is complete.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseG1GC"})
public class SnapshotBenchmark {
  /** Whole snapshots of each kind run in setup, to compile both paths. */
  static final int SETUP_WARMUPS = 3;

  @Param("150000")
  int pods;

  /**
   * Projected bytes per chunk: the Agent's default ({@link QueueConfig#DEFAULTS}, 1 MiB), and
   * smaller ones to show what the chunk size costs.
   */
  @Param("1048576")
  int chunkBytes;

  private SnapshotFixture fixture;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    QueueConfig config = QueueConfig.DEFAULTS.withSnapshotChunks(QueueConfig.DEFAULTS.snapshotChunkItems(), chunkBytes);
    fixture = SnapshotFixture.load(pods, config);
    // A running Agent has served snapshots and deltas before: compile both paths before timing,
    // or the first-chunk benchmark, which encodes one chunk per call, would time the interpreter.
    for (int i = 0; i < SETUP_WARMUPS; i++) {
      fixture.streamed(false);
      fixture.oneWrite();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    fixture.close();
  }

  /** The baseline: the whole list, one message, one {@code writeValueAsBytes}. */
  @Benchmark
  public byte[] oneWriteTotal() {
    return fixture.oneWrite();
  }

  /** Ours, until the last chunk is encoded. */
  @Benchmark
  public SnapshotFixture.StreamedSnapshot streamedTotal() {
    return fixture.streamed(false);
  }

  /** Ours, until the first chunk is encoded: the request, the capture and one chunk. */
  @Benchmark
  public SnapshotFixture.StreamedSnapshot streamedFirstChunk() {
    return fixture.streamed(true);
  }
}
