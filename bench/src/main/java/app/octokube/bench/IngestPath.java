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

/**
 * The Agent's ingest path outside its threads, for the ingest benchmarks: fabric8's parse, the
 * projection, the hot state's apply and the delta's encoding, over a corpus of realistic pods
 * whose every event changes its pod. One instance per benchmark thread; not thread-safe.
 */
final class IngestPath {
  private final int pods;
  private final byte[][][] wire;
  private final Fabric8Parser parser = new Fabric8Parser();
  private final Projectors projectors = Projectors.withBuiltins();
  private final HotState state = new HotState();
  private final Codec codec = new Codec();
  private final Epoch epoch = Epoch.random();
  private long version;
  private long event;

  /** {@code pods} pods, listed into the hot state at their first version. */
  IngestPath(int pods) {
    this.pods = pods;
    // Two versions per pod: each cycle through the pods alternates them, so every event
    // differs from what the state holds for that pod.
    wire = PodCorpus.wireBytes(pods, 2);
    List<Projection> initial = new ArrayList<>(pods);
    for (byte[] pod : wire[0]) {
      initial.add(project(parser.parse(pod)));
    }
    state.apply(List.of(new ClusterEvent.Relisted(PodCorpus.PODS, initial)));
    event = pods;
  }

  /** fabric8's parse of the next event's bytes. */
  GenericKubernetesResource parseNext() {
    return parser.parse(nextWire());
  }

  Projection project(GenericKubernetesResource pod) {
    return projectors.project(PodCorpus.PODS, pod);
  }

  /** Applies a batch and encodes its delta, as the queue does for each version. */
  byte[] applyAndEncode(List<ClusterEvent> batch) {
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
