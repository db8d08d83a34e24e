package app.octokube.agent.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent deltas, bounded by count and by bytes, so that a Backend whose link dropped for
 * a moment resumes from its last version instead of taking full snapshots.
 *
 * <p>A read either returns every delta after the requested version or answers "too old": never a
 * partial history. Not thread-safe; {@link ExecutionQueue} owns it.
 */
public final class ReplayLog {
  private final int maxDeltas;
  private final long maxBytes;
  private final ArrayDeque<EncodedDelta> deltas = new ArrayDeque<>();
  private long bytes;
  /** The version the log reaches back to: every delta after it is held. */
  private long oldestReplayable;
  private long latest;

  /** What a read found. */
  public sealed interface Replay {
    /** Every delta after the requested version, oldest first; empty when the caller is current. */
    record Available(List<EncodedDelta> deltas) implements Replay {}

    /** The log no longer reaches back to the requested version (or never had it). */
    record TooOld(long requested, long oldestReplayable) implements Replay {}
  }

  public ReplayLog(int maxDeltas, long maxBytes) {
    if (maxDeltas < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("replay log bounds must not be negative");
    }
    this.maxDeltas = maxDeltas;
    this.maxBytes = maxBytes;
  }

  /** Appends the next delta; versions must follow one another without a hole. */
  public void append(EncodedDelta delta) {
    if (delta.version() != latest + 1) {
      throw new IllegalStateException(
          "replay log expects version " + (latest + 1) + ", got " + delta.version());
    }
    latest = delta.version();
    deltas.addLast(delta);
    bytes += delta.size();
    while (!deltas.isEmpty() && (deltas.size() > maxDeltas || bytes > maxBytes)) {
      EncodedDelta evicted = deltas.removeFirst();
      bytes -= evicted.size();
      oldestReplayable = evicted.version();
    }
  }

  /** Every delta after {@code version}, or "too old" when the log does not reach back to it. */
  public Replay after(long version) {
    if (version < oldestReplayable || version > latest) {
      return new Replay.TooOld(version, oldestReplayable);
    }
    List<EncodedDelta> out = new ArrayList<>((int) (latest - version));
    Iterator<EncodedDelta> it = deltas.descendingIterator();
    while (it.hasNext()) {
      EncodedDelta d = it.next();
      if (d.version() <= version) {
        break;
      }
      out.add(d);
    }
    Collections.reverse(out);
    return new Replay.Available(out);
  }

  /** The oldest version a resume may start after. */
  public long oldestReplayable() {
    return oldestReplayable;
  }

  public int size() {
    return deltas.size();
  }

  public long bytes() {
    return bytes;
  }
}
