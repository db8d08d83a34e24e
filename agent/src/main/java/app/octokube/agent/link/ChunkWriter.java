package app.octokube.agent.link;

import app.octokube.agent.engine.SnapshotSink;
import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Streams one snapshot to the Backend: encodes each chunk the queue delivers as a
 * {@link SnapshotChunk} frame and hands it to the session, which writes it once the socket's write
 * queue has room.
 *
 * <p>Threading: {@link #chunk} runs on a snapshot-streamer thread and blocks it until the frame is
 * written, so a slow Backend slows this snapshot only. Encoding happens here too, off the event
 * loop, since a chunk is up to a megabyte. It refuses to run on an event loop, where the wait
 * would stall every socket of that loop.
 */
final class ChunkWriter implements SnapshotSink {
  private final String requestId;
  private final Codec codec;
  private final Function<byte[], CompletableFuture<Void>> writeWhenWritable;

  /**
   * @param writeWhenWritable writes a frame on the event loop once the socket can take it; the
   *     future fails when the session ended first
   */
  ChunkWriter(String requestId, Codec codec,
      Function<byte[], CompletableFuture<Void>> writeWhenWritable) {
    this.requestId = requestId;
    this.codec = codec;
    this.writeWhenWritable = writeWhenWritable;
  }

  @Override
  public void chunk(Chunk chunk) throws Exception {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "snapshot chunks must be streamed off the event loop: give the queue its own executor");
    }
    List<SnapshotItem> items = new ArrayList<>(chunk.items().size());
    for (Projection p : chunk.items()) {
      items.add(new SnapshotItem(p.key(), p.labels(), p.json()));
    }
    byte[] frame = codec.encode(new SnapshotChunk(requestId, chunk.resource(), chunk.epoch(),
        Version.of(chunk.version()), items, chunk.last()));
    try {
      writeWhenWritable.apply(frame).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
