package app.octokube.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark thread spends per event, reported by JMH beside the throughput
 * (as the secondary result {@code cpuNanosPerEvent}).
 *
 * <p>Why: the benchmark machine is shared with other builds. Wall-clock throughput then also
 * measures how often the scheduler let the thread run, and since JMH runs one benchmark after
 * the other, two benchmarks compared may have met different loads. The thread's own CPU time
 * leaves the waiting out, so the ratio of two benchmarks' CPU time per event is the robust
 * comparison (caches and the sibling hyperthread are still shared, so it is not immune).
 *
 * <p>A benchmark calls {@link #count} once per event it processes.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds per event in the last iteration; read by JMH after the iteration. */
  public double cpuNanosPerEvent;

  private long startCpu;
  private long events;

  @Setup(Level.Iteration)
  public void start() {
    events = 0;
    startCpu = THREADS.getCurrentThreadCpuTime();
  }

  /** Called by the benchmark for every event it processed. */
  void count(int processed) {
    events += processed;
  }

  @TearDown(Level.Iteration)
  public void stop() {
    cpuNanosPerEvent = events == 0 ? 0 : (double) (THREADS.getCurrentThreadCpuTime() - startCpu) / events;
  }
}
