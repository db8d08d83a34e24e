package app.octokube.bench;

import app.octokube.agent.projection.Projection;
import app.octokube.agent.projection.Projectors;
import app.octokube.protocol.ResourceName;
import app.octokube.sim.RealisticPods;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pods every benchmark uses: {@link RealisticPods}, so each is the Kubernetes project's
 * exemplar pod with managedFields (about 14 KB of compact JSON), made distinct by index.
 *
 * <p>Pod {@code i} at version {@code v} has resourceVersion {@code FIRST_RESOURCE_VERSION + v *
 * pods + i}: every (pod, version) pair is distinct, so consecutive versions of one pod always
 * project to different bytes and the hot state really records a change.
 */
final class PodCorpus {
  static final ResourceName PODS = ResourceName.of("pods");

  /** An apiserver-looking resourceVersion to count from. */
  static final long FIRST_RESOURCE_VERSION = 4_200_000L;

  private PodCorpus() {}

  /** The wire bytes of {@code pods} pods at {@code versions} versions, as {@code [version][pod]}. */
  static byte[][][] wireBytes(int pods, int versions) {
    RealisticPods source = new RealisticPods();
    byte[][][] wire = new byte[versions][pods][];
    for (int v = 0; v < versions; v++) {
      for (int i = 0; i < pods; i++) {
        wire[v][i] = source.podJson(i, resourceVersion(pods, v, i));
      }
    }
    return wire;
  }

  /**
   * {@code count} pods, each parsed by fabric8 and projected as the Agent's watcher would. Built
   * on every core, since 150,000 of them take a while; the result is in index order.
   */
  static List<Projection> projections(int count) {
    RealisticPods source = new RealisticPods();
    Fabric8Parser parser = new Fabric8Parser();
    Projectors projectors = Projectors.withBuiltins();
    return IntStream.range(0, count)
        .parallel()
        .mapToObj(i -> projectors.project(PODS, parser.parse(source.podJson(i, resourceVersion(count, 0, i)))))
        .toList();
  }

  static long resourceVersion(int pods, int version, int index) {
    return FIRST_RESOURCE_VERSION + (long) version * pods + index;
  }
}
