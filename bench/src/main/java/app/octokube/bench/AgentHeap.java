package app.octokube.bench;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Codec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Agent's heap once it holds a cluster of {@code N} pods: a running {@link ExecutionQueue}
 * (hot state, replay log, version counter) after the watcher's first list of {@code N} realistic
 * pods, each parsed by fabric8 and projected, as in production. The watcher itself keeps only a
 * resourceVersion per type, so the queue holds everything that scales with the cluster.
 *
 * <p>Method: full collections until the used heap settles, before the queue exists (with every
 * class already loaded by a warm-up) and after the list was applied and every transient reference
 * dropped; the difference is the Agent's footprint for the cluster. One JVM per size:
 *
 * <pre>
 * for n in 10000 50000 150000; do java -Xmx3g -cp bench/target/benchmarks.jar app.octokube.bench.AgentHeap $n; done
 * </pre>
 */
public final class AgentHeap {
  private AgentHeap() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ExecutorService streamer = Executors.newSingleThreadExecutor();
    warmUp(streamer);
    long before = settledUsed(memory);

    ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, new Codec()::encode, streamer);
    List<Projection> listed = PodCorpus.projections(pods);
    queue.submit(new ClusterEvent.Relisted(PodCorpus.PODS, listed));
    long objects = queue.status().get(5, TimeUnit.MINUTES).objects();
    listed = null;
    long after = settledUsed(memory);

    long bytes = after - before;
    System.out.printf("pods %,d  agent heap %,.1f MiB  (%,d B/pod; %,d objects held)%n",
        pods, bytes / 1048576.0, bytes / pods, objects);
    queue.close();
    streamer.shutdownNow();
  }

  private static void warmUp(ExecutorService streamer) throws Exception {
    try (ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, new Codec()::encode, streamer)) {
      queue.submit(new ClusterEvent.Relisted(PodCorpus.PODS, PodCorpus.projections(200)));
      queue.status().get(1, TimeUnit.MINUTES);
    }
  }

  /** Used heap after full collections, once two in a row agree within 1%. */
  private static long settledUsed(MemoryMXBean memory) throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(200);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - previous) < previous / 100) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
