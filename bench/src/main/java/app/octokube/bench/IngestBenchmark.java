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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest on one core: how many pod watch events per second the Agent turns into encoded deltas,
 * against fabric8's parse of the same bytes alone. The goal is that our part (projection, hot
 * state, delta encoding) adds at most 25% to the parse, so the Agent costs about what any fabric8
 * informer costs.
 *
 * <p>Every benchmark consumes the same stream of events: {@link #pods} distinct realistic pods
 * cycled, each event a new resourceVersion of its pod. The hot state starts holding every pod, so
 * each event is a modification whose projection differs from the one held (a real change, with
 * the previous labels in the delta), as in steady-state churn.
 *
 * <p>The JSON is parsed from bytes already in memory: what the numbers leave out (the socket, TLS,
 * HTTP framing) is common to both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class IngestBenchmark {
  /** Events per batch in the batched variant: a burst as the queue sees it under churn. */
  static final int BATCH = 100;

  /** Distinct pods cycled; a multiple of {@link #BATCH}, so a batch never holds one pod twice. */
  @Param("1000")
  int pods;

  private IngestPath path;

  @Setup(Level.Trial)
  public void setUp() {
    if (pods % BATCH != 0) {
      throw new IllegalArgumentException("pods must be a multiple of " + BATCH);
    }
    path = new IngestPath(pods);
  }

  /** The baseline: fabric8's parse of the next event's bytes, nothing more. */
  @Benchmark
  public GenericKubernetesResource fabric8Parse(CpuClock clock) {
    clock.count(1);
    return path.parseNext();
  }

  /** Ours, one event per batch: parse, project, apply, encode the delta of the batch. */
  @Benchmark
  public byte[] parseProjectApplyEncode(CpuClock clock) {
    clock.count(1);
    Projection projection = path.project(path.parseNext());
    return path.applyAndEncode(List.of(new ClusterEvent.Upserted(projection)));
  }

  /** Ours under bursts: {@link #BATCH} events parsed and projected, applied and encoded as one delta. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] parseProjectApplyEncodeBatch100(CpuClock clock) {
    clock.count(BATCH);
    List<ClusterEvent> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(new ClusterEvent.Upserted(path.project(path.parseNext())));
    }
    return path.applyAndEncode(batch);
  }
}
