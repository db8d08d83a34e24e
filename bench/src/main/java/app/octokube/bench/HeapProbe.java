package app.octokube.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures how much heap one operation needs beyond what was live before it, two ways:
 *
 * <ul>
 *   <li><b>peak live extra</b>: the most heap in use right after any collection that ended during
 *       the operation — those it caused itself, those forced by {@link #sample} at chosen moments,
 *       and a full collection at its end while its output is still held (a link holds its frame
 *       until it is written) — minus the heap in use after full collections before it. Only live
 *       objects survive a collection, so this counts what the operation keeps reachable. It sees
 *       only the moments a collection happened at, so it is a lower bound of the true peak;
 *       sampling where the operation holds the most makes it tight.
 *   <li><b>pool peak extra</b>: the sum over heap pools of their peak usage since {@link
 *       MemoryPoolMXBean#resetPeakUsage()}, minus the same starting point. It misses no moment
 *       but also counts garbage the collector had not yet needed to reclaim, so it is an upper
 *       bound that mostly reflects the young generation's size. Only meaningful for runs that
 *       were not {@link #sample}d, since a forced collection empties the young generation.
 * </ul>
 *
 * <p>Collection notifications arrive on a JMX thread, so {@link #finish} waits for the one its
 * own full collection causes before it reads the maximum.
 */
final class HeapProbe implements NotificationListener {
  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final long before;
  private long maxAfterGc;
  private int collections;

  /** What one operation needed: bytes beyond the starting point, and collections seen. */
  record Result(long peakLiveExtra, long poolPeakExtra, int collections) {}

  private HeapProbe() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool);
      }
    }
    settle();
    before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Settles the heap with full collections, then starts watching. */
  static HeapProbe start() {
    return new HeapProbe();
  }

  /** Forces a full collection now, while the caller holds {@code held}; see the class comment. */
  void sample(Object held) {
    System.gc();
    Reference.reachabilityFence(held);
  }

  /** Ends the measurement; {@code output} is kept reachable through the final collection. */
  Result finish(Object output) {
    long poolPeak = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      poolPeak += pool.getPeakUsage().getUsed();
    }
    int seen = collectionsSeen();
    System.gc();
    Reference.reachabilityFence(output);
    awaitCollectionsBeyond(seen);
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (javax.management.ListenerNotFoundException e) {
        // Added in the constructor to every emitter in this list; nothing to remove otherwise.
      }
    }
    synchronized (this) {
      return new Result(Math.max(0, maxAfterGc - before), Math.max(0, poolPeak - before), collections - 1);
    }
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage usage = after.get(pool.getName());
      if (usage != null) {
        used += usage.getUsed();
      }
    }
    synchronized (this) {
      maxAfterGc = Math.max(maxAfterGc, used);
      collections++;
      notifyAll();
    }
  }

  private synchronized int collectionsSeen() {
    return collections;
  }

  private synchronized void awaitCollectionsBeyond(int seen) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (collections <= seen) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new IllegalStateException("no notification of the final collection within 10 s");
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a collection", e);
      }
    }
  }

  /**
   * Full collections until the heap stops shrinking, with a pause for reference processing and
   * finalization between them.
   */
  static void settle() {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (i >= 2 && used >= previous) {
        return;
      }
      previous = used;
    }
  }
}
