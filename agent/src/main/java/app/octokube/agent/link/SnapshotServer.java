package app.octokube.agent.link;

import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.UnknownResourceException;
import app.octokube.protocol.Codec;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.SnapshotRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Backend's snapshot requests for one session: the queue captures the snapshot, a
 * {@link ChunkWriter} streams its chunks on a snapshot-streamer thread, and each chunk is written
 * here once the socket's write queue has room, so a slow Backend holds back that streamer thread
 * and nothing else. A request that fails is answered with an {@link AgentError} naming it:
 * {@code unknown-resource} for a type the Agent does not track, {@code internal} otherwise.
 *
 * <p>Threading: {@link #serve}, {@link #writable} and {@link #abort} run on the link's event
 * loop; {@link #writeWhenWritable} is called from snapshot-streamer threads and hops onto it. The
 * session serves one command at a time, so at most one chunk ever waits here.
 */
final class SnapshotServer {
  private static final Logger log = LoggerFactory.getLogger(SnapshotServer.class);

  /** A chunk frame waiting for the socket's write queue to empty. */
  private record PendingChunk(byte[] frame, CompletableFuture<Void> written) {}

  private final ExecutionQueue queue;
  private final Codec codec;
  private final LinkLoop loop;
  private final LinkSocket socket;
  private PendingChunk pending;

  SnapshotServer(ExecutionQueue queue, Codec codec, LinkLoop loop, LinkSocket socket) {
    this.queue = queue;
    this.codec = codec;
    this.loop = loop;
    this.socket = socket;
  }

  /** Streams the snapshot; completes, on the event loop, once its last frame was written. */
  CompletableFuture<Void> serve(SnapshotRequest request) {
    assert loop.inEventLoop() : "commands are served on the link's event loop";
    ChunkWriter writer = new ChunkWriter(request.requestId(), codec, this::writeWhenWritable);
    return queue.snapshot(request.resource(), writer).handleAsync((version, error) -> {
      if (error == null) {
        log.debug("snapshot {} of {} sent at version {}", request.requestId(),
            request.resource(), version);
      } else if (socket.open()) {
        answerFailure(request, error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error);
      }
      return null;
    }, loop);
  }

  private void answerFailure(SnapshotRequest request, Throwable cause) {
    if (cause instanceof UnknownResourceException unknown) {
      socket.send(codec.encode(
          new AgentError(request.requestId(), "unknown-resource", unknown.getMessage())));
    } else {
      log.warn("snapshot {} of {} failed", request.requestId(), request.resource(), cause);
      socket.send(codec.encode(new AgentError(request.requestId(), "internal",
          "the snapshot of " + request.resource() + " failed")));
    }
  }

  /**
   * Writes a chunk frame once the socket's write queue has room. Any thread.
   *
   * @return completes once written; fails if the session ended first
   */
  CompletableFuture<Void> writeWhenWritable(byte[] frame) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    loop.execute(() -> {
      if (!socket.open()) {
        written.completeExceptionally(new IllegalStateException("the link closed"));
      } else if (socket.full()) {
        pending = new PendingChunk(frame, written);
      } else {
        socket.send(frame);
        written.complete(null);
      }
    });
    return written;
  }

  /** The socket's write queue emptied: the waiting chunk, if any, goes out. */
  void writable() {
    assert loop.inEventLoop() : "only the link's event loop writes to the socket";
    PendingChunk chunk = pending;
    if (chunk != null && socket.open()) {
      pending = null;
      socket.send(chunk.frame());
      chunk.written().complete(null);
    }
  }

  /** The session ended: the streamer waiting on a chunk is released with a failure. */
  void abort(String reason) {
    assert loop.inEventLoop() : "sessions end on the link's event loop";
    PendingChunk chunk = pending;
    if (chunk != null) {
      pending = null;
      chunk.written().completeExceptionally(new IllegalStateException(reason));
    }
  }
}
