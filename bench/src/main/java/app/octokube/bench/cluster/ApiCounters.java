package app.octokube.bench.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link ReverseProxy} saw: requests by kind, the watches open now and at most, and the
 * bytes it served. Thread-safe; counts only ever grow, except the watches open now.
 *
 * <p>A watch is a request with {@code watch=true} in its query (or {@code /watch/} in its path,
 * the old form), whether it arrives as a WebSocket or a streamed GET; a read is any other GET (a
 * list or a get); a write is anything else.
 */
final class ApiCounters {
  private final LongAdder watches = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder bytesServed = new LongAdder();
  private final AtomicInteger openWatches = new AtomicInteger();
  private final AtomicInteger peakOpenWatches = new AtomicInteger();

  void request(String method, String uri) {
    if (isWatch(uri)) {
      watches.increment();
    } else if (method.equals("GET")) {
      reads.increment();
    } else {
      writes.increment();
    }
  }

  static boolean isWatch(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.contains("/watch/") || (query >= 0 && ("&" + uri.substring(query + 1) + "&").contains("&watch=true&"));
  }

  void watchOpened() {
    peakOpenWatches.accumulateAndGet(openWatches.incrementAndGet(), Math::max);
  }

  void watchClosed() {
    openWatches.decrementAndGet();
  }

  void served(long bytes) {
    bytesServed.add(bytes);
  }

  /** The counts now; subtract an earlier one to get what happened in between. */
  Snapshot snapshot() {
    return new Snapshot(watches.sum(), reads.sum(), writes.sum(), openWatches.get(), peakOpenWatches.get(),
        bytesServed.sum());
  }

  /**
   * Counts at one moment.
   *
   * @param watches watch requests so far
   * @param reads lists and gets so far
   * @param writes other requests so far
   * @param openWatches watches open at that moment
   * @param peakOpenWatches the most watches open at once so far
   * @param bytesServed response bodies and watch messages sent to clients so far (JSON text, one
   *     byte per character)
   */
  record Snapshot(long watches, long reads, long writes, int openWatches, int peakOpenWatches, long bytesServed) {
    /** Requests of any kind. */
    long requests() {
      return watches + reads + writes;
    }

    /** What happened since {@code earlier}; open and peak watches are this snapshot's. */
    Snapshot since(Snapshot earlier) {
      return new Snapshot(watches - earlier.watches, reads - earlier.reads, writes - earlier.writes, openWatches,
          peakOpenWatches, bytesServed - earlier.bytesServed);
    }
  }
}
