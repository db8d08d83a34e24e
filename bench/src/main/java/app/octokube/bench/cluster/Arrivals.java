package app.octokube.bench.cluster;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each write became visible to one observer, from the sequence numbers the writes carry.
 *
 * <p>Write {@code n} sets the annotation {@link #ANNOTATION} of pod {@code n % pods} to
 * {@code n}. An observer that sees pod {@code p} carrying {@code n} has also, by then, got every
 * earlier write to {@code p} it had not seen: a later state replaces an earlier one, and a
 * pipeline that merges changes (the Agent's batches, the Backend's merging of pending deltas) may
 * skip the intermediate states. Those writes count as arrived at the same moment.
 *
 * <p>{@link #seen} is called by one thread at a time (the observer's event loop); the arrival
 * times may be read from any thread once the observer is quiet.
 */
final class Arrivals {
  /** The annotation each write sets; it passes the Agent's redaction floor (short, not last-applied). */
  static final String ANNOTATION = "bench.octokube.app/seq";
  private static final String NEEDLE = "\"" + ANNOTATION + "\":\"";

  private final int pods;
  private final AtomicLongArray arrived;
  private final long[] lastSeen;

  Arrivals(int pods, int writes) {
    this.pods = pods;
    this.arrived = new AtomicLongArray(writes);
    this.lastSeen = new long[pods];
    Arrays.fill(lastSeen, -1);
  }

  /** Records the write a pod's JSON carries, if any, as arrived at {@code nanos}. */
  void seen(CharSequence json, long nanos) {
    long sequence = sequence(json);
    if (sequence < 0 || sequence >= arrived.length()) {
      return;
    }
    // 0 marks "not arrived"; a clock reading of exactly 0 is moved by a nanosecond.
    long at = nanos == 0 ? 1 : nanos;
    int pod = (int) (sequence % pods);
    long from = lastSeen[pod] < 0 ? pod : lastSeen[pod] + pods;
    for (long n = from; n <= sequence; n += pods) {
      arrived.compareAndSet((int) n, 0, at);
    }
    lastSeen[pod] = Math.max(lastSeen[pod], sequence);
  }

  /** The sequence number in {@code json}'s annotation, or -1 if it has none. */
  static long sequence(CharSequence json) {
    int at = indexOf(json, NEEDLE);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    int digits = 0;
    for (int i = at + NEEDLE.length(); i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  private static int indexOf(CharSequence text, String needle) {
    return text instanceof String s ? s.indexOf(needle) : text.toString().indexOf(needle);
  }

  /** When write {@code n} arrived ({@link System#nanoTime()}), or 0 if it has not. */
  long arrival(int n) {
    return arrived.get(n);
  }

  /** Whether every write in {@code [from, to)} has arrived. */
  boolean allArrived(int from, int to) {
    for (int n = from; n < to; n++) {
      if (arrived.get(n) == 0) {
        return false;
      }
    }
    return true;
  }
}
