package app.octokube.bench.fanout;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the Backend's JVM reports of itself at one moment; differences of two give what a
 * measurement window cost.
 *
 * @param cpuNanos CPU time of the whole process (every thread, GC and JIT included)
 * @param allocatedBytes bytes allocated by its live threads since they started (the Backend's
 *     threads are long-lived event loops, so this counts its allocations)
 * @param heapUsed heap in use now (after full collections for {@code gc})
 * @param heapPeak the most heap in use sampled every 10 ms since the last {@code peak}
 * @param directBytes direct memory in use: the JDK's direct buffers plus Netty's counted ones
 * @param residentBytes the process's resident set
 */
record BackendStats(long cpuNanos, long allocatedBytes, long heapUsed, long heapPeak, long directBytes,
    long residentBytes) {

  static BackendStats now(BackendMain.HeapSampler sampler, boolean collect) {
    if (collect) {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      allocated += Math.max(0, bytes);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new BackendStats(os.getProcessCpuTime(), allocated,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), sampler.peak(),
        BackendMain.directBytes(), BackendMain.residentBytes());
  }

  String line() {
    return String.format(Locale.ROOT, "%d %d %d %d %d %d",
        cpuNanos, allocatedBytes, heapUsed, heapPeak, directBytes, residentBytes);
  }

  static BackendStats parse(String line) {
    String[] f = line.trim().split(" ");
    return new BackendStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
        Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
  }

  /** Heap in use plus direct memory: what the process holds for its data. */
  long memory() {
    return heapUsed + directBytes;
  }
}
