package app.octokube.bench;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.projection.Projection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link IngestBenchmark}'s extra time goes, stage by stage, by subtraction: the same event
 * stream, cut after the parse, after the projection, and after the delta's encoding.
 *
 * <p>Unlike {@link IngestBenchmark}, every fork first runs the whole path ({@value
 * #WHOLE_PATH_WARMUP} events) before any measurement, so every stage is measured in a JVM whose
 * JIT has seen all of them, as a running Agent's has. In particular {@code parseBesideOurs} is
 * fabric8's parse measured in such a JVM: against {@code IngestBenchmark.fabric8Parse} (a JVM
 * that only ever parsed), it shows how much slower the parse itself becomes beside our code,
 * as opposed to what our code costs.
 *
 * <p>Each stage runs right after its object is made, as on the real path: measuring the
 * projection of objects parsed in advance would read them from memory rather than cache and
 * overstate it several times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class IngestStagesBenchmark {
  /** Events run through the whole path before measuring: enough for C2 to compile all of it. */
  static final int WHOLE_PATH_WARMUP = 30_000;

  @Param("1000")
  int pods;

  private IngestPath path;

  @Setup(Level.Trial)
  public void setUp() {
    setUp(WHOLE_PATH_WARMUP);
  }

  void setUp(int warmupEvents) {
    path = new IngestPath(pods);
    for (int i = 0; i < warmupEvents; i++) {
      parseProjectApplyEncode();
    }
  }

  /** fabric8's parse alone, in a JVM that has also run our code. */
  @Benchmark
  public GenericKubernetesResource parseBesideOurs() {
    return path.parseNext();
  }

  /** The parse and the projection. */
  @Benchmark
  public Projection parseProject() {
    return path.project(path.parseNext());
  }

  /**
   * The whole path, as {@code IngestBenchmark.parseProjectApplyEncode}. It must not apply an
   * event to the state without the others being applied too, or later cycles would find pods
   * unchanged; so the other stages leave the state alone and only this one applies.
   */
  @Benchmark
  public byte[] parseProjectApplyEncode() {
    Projection projection = path.project(path.parseNext());
    List<ClusterEvent> batch = new ArrayList<>(1);
    batch.add(new ClusterEvent.Upserted(projection));
    return path.applyAndEncode(batch);
  }
}
