package app.octokube.agent.link;

/**
 * What the parts of a session see of its WebSocket. Every method runs on the link's event loop.
 * The socket may close a moment before the session hears of it: a closed socket is neither open
 * nor writable, and a send on it is dropped.
 */
interface LinkSocket {
  /** Whether the session is live and its socket open. */
  boolean open();

  /** Whether the socket's write queue is full; the session wakes its writers when it empties. */
  boolean full();

  /** Writes one text frame. */
  void send(byte[] frame);
}
