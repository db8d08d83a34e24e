package app.octokube.agent.link;

import java.time.Instant;

/**
 * Where the link stands, for logs, metrics and health checks. A copy: it does not change.
 *
 * @param connected whether a WebSocket to the Backend is open now
 * @param since when {@code connected} last changed (the link's start before any connection)
 * @param connects handshakes that succeeded
 * @param reconnects attempts scheduled after a lost, refused or failed connection
 * @param lastError why the last connection was lost or refused; null if none was yet. Never
 *     holds the token.
 * @param bytesSent bytes of frames written to the socket, all messages counted
 * @param deltasSent deltas written to the socket, replayed ones included
 * @param gaps outbox overflows seen, each repaired by a resume or a reconnect
 */
public record LinkStatus(
    boolean connected,
    Instant since,
    long connects,
    long reconnects,
    String lastError,
    long bytesSent,
    long deltasSent,
    long gaps) {}
