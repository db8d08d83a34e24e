package app.octokube.backend.stream;

import app.octokube.protocol.CloseCode;
import io.vertx.core.Future;

/**
 * Where a {@link ClientOutbox} writes: a client's WebSocket, or an in-memory sink in tests.
 * Writes may come from any thread but never concurrently: the outbox calls under its lock, so
 * messages reach the socket in the order the outbox decided.
 */
public interface MessageSink {

  /**
   * Writes one whole message; the future completes once the transport has taken all of it, or
   * fails if the connection closed first.
   */
  Future<Void> write(OutboundMessage message);

  /**
   * Runs {@code task} on the connection's own thread after everything already waiting there: the
   * outbox writes the deltas it gathered meanwhile as one message. Callable from any thread.
   */
  void execute(Runnable task);

  /** Closes the connection with {@code code}. */
  void close(CloseCode code);
}
