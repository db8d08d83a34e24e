package app.octokube.bench;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.engine.HotState;
import app.octokube.agent.projection.Projection;
import app.octokube.agent.projection.Projectors;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
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

  private byte[][][] wire;
  private Fabric8Parser parser;
  private Projectors projectors;
  private HotState state;
  private Codec codec;
  private Epoch epoch;
  private long version;
  private long event;

  @Setup(Level.Trial)
  public void setUp() {
    if (pods % BATCH != 0) {
      throw new IllegalArgumentException("pods must be a multiple of " + BATCH);
    }
    // Two versions per pod: each cycle through the pods alternates them, so every event
    // differs from what the state holds for that pod.
    wire = PodCorpus.wireBytes(pods, 2);
    parser = new Fabric8Parser();
    projectors = Projectors.withBuiltins();
    codec = new Codec();
    epoch = Epoch.random();
    state = new HotState();
    List<Projection> initial = new ArrayList<>(pods);
    for (byte[] pod : wire[0]) {
      initial.add(projectors.project(PodCorpus.PODS, parser.parse(pod)));
    }
    state.apply(List.of(new ClusterEvent.Relisted(PodCorpus.PODS, initial)));
    event = pods;
  }

  /** The baseline: fabric8's parse of the next event's bytes, nothing more. */
  @Benchmark
  public GenericKubernetesResource fabric8Parse(CpuClock clock) {
    clock.count(1);
    return parser.parse(nextWire());
  }

  /** Ours, one event per batch: parse, project, apply, encode the delta of the batch. */
  @Benchmark
  public byte[] parseProjectApplyEncode(CpuClock clock) {
    clock.count(1);
    Projection projection = projectors.project(PodCorpus.PODS, parser.parse(nextWire()));
    return applyAndEncode(List.of(new ClusterEvent.Upserted(projection)));
  }

  /** Ours under bursts: {@link #BATCH} events parsed and projected, applied and encoded as one delta. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] parseProjectApplyEncodeBatch100(CpuClock clock) {
    clock.count(BATCH);
    List<ClusterEvent> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      Projection projection = projectors.project(PodCorpus.PODS, parser.parse(nextWire()));
      batch.add(new ClusterEvent.Upserted(projection));
    }
    return applyAndEncode(batch);
  }

  private byte[] applyAndEncode(List<ClusterEvent> batch) {
    HotState.BatchResult result = state.apply(batch);
    if (result.changes().size() != batch.size()) {
      throw new IllegalStateException("every event must change its pod; the corpus is wrong");
    }
    return codec.encode(new AgentDelta(epoch, Version.of(++version), result.changes()));
  }

  /** The next event: pod {@code event % pods}, alternating between its two versions per cycle. */
  private byte[] nextWire() {
    int index = (int) (event % pods);
    int cycle = (int) ((event / pods) & 1);
    event++;
    return wire[cycle][index];
  }
}
