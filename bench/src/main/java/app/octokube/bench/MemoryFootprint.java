package app.octokube.bench;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.engine.HotState;
import app.octokube.agent.projection.Projection;
import app.octokube.agent.projection.Projectors;
import app.octokube.sim.RealisticPods;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphStats;

/**
 * Bytes per pod held in memory: the Agent's hot state against the full object as fabric8 holds
 * it. The goal is that a pod in the hot state costs at most a fifth of the full object.
 *
 * <p>Three holders of the same {@code N} realistic pods, each pod generated, then parsed by
 * fabric8 exactly once:
 *
 * <ul>
 *   <li>{@code generic}: a list of {@code GenericKubernetesResource}, what an informer on generic
 *       resources keeps in its store, and what the Agent's watcher receives;
 *   <li>{@code typed}: a list of fabric8's typed {@code Pod}, what a typed informer keeps;
 *   <li>{@code hotstate}: a {@link HotState} holding each pod's {@link Projection}, with its maps.
 * </ul>
 *
 * <p>Each is measured two ways. JOL's {@link GraphStats} walks the holder's object graph and adds
 * up the exact size of every distinct object reachable from it (objects shared between pods, such
 * as interned strings, count once, as they do on the heap). As a cross-check that involves no
 * walker, fresh JVMs compare the heap in use after full collections before and after building
 * the holder.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks.jar app.octokube.bench.MemoryFootprint [pods]
 * [forks]} (defaults 10,000 and 2).
 */
public final class MemoryFootprint {
  static final List<String> CHILD_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
  static final List<String> VARIANTS = List.of("generic", "typed", "hotstate");

  /** Pods built and dropped before measuring, so lazily filled caches are not counted. */
  private static final int WARMUP_PODS = 200;

  private MemoryFootprint() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), WARMUP_PODS);
      return;
    }
    // JOL reads record fields (ResourceName, ObjectKey, Projection) only through this mode.
    System.setProperty("jol.magicFieldOffset", "true");
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int forks = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Holders holders = new Holders();
    System.out.printf("Memory per pod, %,d realistic pods%n", pods);
    System.out.printf("wire JSON: %,.0f B/pod; projection JSON: %,.0f B/pod%n",
        holders.meanWireBytes(pods), holders.meanProjectionBytes(pods));
    System.out.println();
    System.out.println("holder     JOL B/pod   objects/pod   heap-delta B/pod (mean of forks)");
    double[] jol = new double[VARIANTS.size()];
    for (int v = 0; v < VARIANTS.size(); v++) {
      String variant = VARIANTS.get(v);
      GraphStats stats = holders.graphStats(variant, pods);
      long[] deltas = new long[forks];
      for (int f = 0; f < forks; f++) {
        deltas[f] = Long.parseLong(
            ForkedJvm.run(CHILD_JVM, MemoryFootprint.class, "--child", variant, Integer.toString(pods)).get(0));
      }
      jol[v] = (double) stats.totalSize() / pods;
      System.out.printf("%-10s %,10.0f %13.1f   %,10.0f ± %,.0f%n", variant, jol[v],
          (double) stats.totalCount() / pods, Stats.mean(deltas) / pods, Stats.stdev(deltas) / pods);
    }
    System.out.printf("%nhotstate / generic: 1/%.1f (JOL); hotstate / typed: 1/%.1f (JOL)%n",
        jol[0] / jol[2], jol[1] / jol[2]);
  }

  /** Builds one holder in a settled heap and reports the heap it added, in bytes. */
  static void child(String variant, int pods, int warmupPods) {
    Holders holders = new Holders();
    Reference.reachabilityFence(holders.build(variant, warmupPods));
    HeapProbe.settle();
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Object held = holders.build(variant, pods);
    HeapProbe.settle();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Reference.reachabilityFence(held);
    System.out.println(ForkedJvm.RESULT + (after - before));
  }

  /** Makes the holders; each pod's JSON is generated on the fly so that no input stays live. */
  static final class Holders {
    private final RealisticPods source = new RealisticPods();
    private final Fabric8Parser parser = new Fabric8Parser();
    private final Projectors projectors = Projectors.withBuiltins();

    Object build(String variant, int pods) {
      return switch (variant) {
        case "generic" -> {
          List<Object> list = new ArrayList<>(pods);
          for (int i = 0; i < pods; i++) {
            list.add(parser.parse(json(i, pods)));
          }
          yield list;
        }
        case "typed" -> {
          List<Object> list = new ArrayList<>(pods);
          for (int i = 0; i < pods; i++) {
            list.add(parser.parsePod(json(i, pods)));
          }
          yield list;
        }
        case "hotstate" -> {
          List<Projection> projections = new ArrayList<>(pods);
          for (int i = 0; i < pods; i++) {
            projections.add(projectors.project(PodCorpus.PODS, parser.parse(json(i, pods))));
          }
          HotState state = new HotState();
          state.apply(List.of(new ClusterEvent.Relisted(PodCorpus.PODS, projections)));
          yield state;
        }
        default -> throw new IllegalArgumentException("unknown holder " + variant);
      };
    }

    /** JOL's count and exact size of everything reachable from one freshly built holder. */
    GraphStats graphStats(String variant, int pods) {
      return GraphStats.parseInstance(build(variant, pods));
    }

    double meanWireBytes(int pods) {
      long sum = 0;
      for (int i = 0; i < pods; i++) {
        sum += json(i, pods).length;
      }
      return (double) sum / pods;
    }

    double meanProjectionBytes(int pods) {
      long sum = 0;
      for (int i = 0; i < pods; i++) {
        sum += projectors.project(PodCorpus.PODS, parser.parse(json(i, pods))).json().size();
      }
      return (double) sum / pods;
    }

    private byte[] json(int index, int pods) {
      return source.podJson(index, PodCorpus.resourceVersion(pods, 0, index));
    }
  }
}
