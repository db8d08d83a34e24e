package app.octokube.bench;

import app.octokube.agent.engine.ClusterEvent;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.agent.engine.SnapshotSink;
import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An Agent's queue holding many realistic pods, and the two ways to answer a snapshot of them
 * that the snapshot benchmarks compare:
 *
 * <ul>
 *   <li>{@link #oneWrite()}, the baseline: the whole list as one message, serialized with one
 *       {@code writeValueAsBytes}; nothing can be sent before the last byte is written;
 *   <li>{@link #streamed}, ours: {@link ExecutionQueue#snapshot} captures the references on the
 *       queue's thread and streams chunks on another, each encoded as a {@link SnapshotChunk} the
 *       way the link encodes it, then dropped as the link drops it once written.
 * </ul>
 *
 * <p>Building the pods is the slow part (each is generated, parsed by fabric8 and projected), so
 * a benchmark fork builds one fixture and reuses it.
 */
final class SnapshotFixture implements AutoCloseable {
  /** The snapshot request id both variants put in their messages. */
  private static final String REQUEST_ID = "bench";

  private final List<Projection> projections;
  private final Codec codec = new Codec();
  private final ExecutorService streamer;
  private final ExecutionQueue queue;

  private SnapshotFixture(List<Projection> projections, QueueConfig config) {
    this.projections = projections;
    this.streamer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "octokube-snapshot-streamer");
      t.setDaemon(true);
      return t;
    });
    this.queue = new ExecutionQueue(config, codec::encode, streamer);
  }

  /** A queue with the Agent's default configuration holding {@code pods} realistic pods. */
  static SnapshotFixture load(int pods) throws InterruptedException {
    return load(pods, QueueConfig.DEFAULTS);
  }

  /** A queue whose hot state holds {@code pods} realistic pods, listed in one relist. */
  static SnapshotFixture load(int pods, QueueConfig config) throws InterruptedException {
    SnapshotFixture fixture = new SnapshotFixture(PodCorpus.projections(pods), config);
    fixture.queue.submit(new ClusterEvent.Relisted(PodCorpus.PODS, fixture.projections));
    int held = fixture.queue.status().join().objects();
    if (held != pods) {
      throw new IllegalStateException("the queue holds " + held + " pods, not " + pods);
    }
    return fixture;
  }

  /**
   * The baseline: every pod in one {@link SnapshotChunk}, encoded by one {@code
   * writeValueAsBytes}. It reads the same projection objects the hot state holds, without the
   * queue's capture (which only makes the baseline cheaper).
   */
  byte[] oneWrite() {
    List<SnapshotItem> items = new ArrayList<>(projections.size());
    for (Projection p : projections) {
      items.add(new SnapshotItem(p.key(), p.labels(), p.json()));
    }
    SnapshotChunk all = new SnapshotChunk(
        REQUEST_ID, PodCorpus.PODS, queue.epoch(), Version.ZERO, items, true);
    return codec.encode(all);
  }

  /**
   * Ours: a snapshot through the queue, every chunk encoded and dropped. With {@code firstOnly}
   * the stream is cut right after the first chunk is encoded, which times the first chunk.
   *
   * @return what was encoded
   */
  StreamedSnapshot streamed(boolean firstOnly) {
    return streamed(firstOnly, FrameObserver.NONE);
  }

  /** {@link #streamed(boolean)}, showing each encoded frame to {@code observer} before it is dropped. */
  StreamedSnapshot streamed(boolean firstOnly, FrameObserver observer) {
    ChunkEncoder encoder = new ChunkEncoder(codec, firstOnly, observer);
    try {
      queue.snapshot(PodCorpus.PODS, encoder).join();
    } catch (CompletionException e) {
      if (!(firstOnly && e.getCause() == FirstChunkEncoded.INSTANCE)) {
        throw e;
      }
    }
    return new StreamedSnapshot(encoder.chunks, encoder.items, encoder.bytes);
  }

  /** Sees each chunk's frame while it is still held, as a link holds it until written. */
  @FunctionalInterface
  interface FrameObserver {
    FrameObserver NONE = (index, frame) -> {};

    void encoded(int index, byte[] frame);
  }

  /** What a streamed snapshot produced: chunks, items and encoded bytes. */
  record StreamedSnapshot(int chunks, long items, long bytes) {}

  @Override
  public void close() throws InterruptedException {
    queue.close();
    streamer.shutdownNow();
  }

  /** Encodes each chunk as the link would, keeping only counts: the bytes are dropped. */
  private static final class ChunkEncoder implements SnapshotSink {
    private final Codec codec;
    private final boolean firstOnly;
    private final FrameObserver observer;
    int chunks;
    long items;
    long bytes;

    ChunkEncoder(Codec codec, boolean firstOnly, FrameObserver observer) {
      this.codec = codec;
      this.firstOnly = firstOnly;
      this.observer = observer;
    }

    @Override
    public void chunk(Chunk chunk) {
      List<SnapshotItem> wireItems = new ArrayList<>(chunk.items().size());
      for (Projection p : chunk.items()) {
        wireItems.add(new SnapshotItem(p.key(), p.labels(), p.json()));
      }
      byte[] frame = codec.encode(new SnapshotChunk(
          REQUEST_ID, chunk.resource(), chunk.epoch(), Version.of(chunk.version()), wireItems, chunk.last()));
      observer.encoded(chunks, frame);
      chunks++;
      items += wireItems.size();
      bytes += frame.length;
      if (firstOnly) {
        throw FirstChunkEncoded.INSTANCE;
      }
    }
  }

  /** Cuts a stream after its first chunk; thrown by the sink, so the queue stops streaming. */
  private static final class FirstChunkEncoded extends RuntimeException {
    static final FirstChunkEncoded INSTANCE = new FirstChunkEncoded();

    private FirstChunkEncoded() {
      super("first chunk encoded", null, false, false);
    }
  }
}
