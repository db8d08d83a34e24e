package app.octokube.protocol;

import java.util.Optional;

/**
 * The WebSocket close codes Octokube uses on both links (RFC 6455 section 7.4). The 4000-4999
 * range is for applications; ours echo HTTP statuses where one fits (4001 like 401, 4029 like
 * 429) so they read at a glance. docs/protocol.md says what a peer does after each.
 */
public enum CloseCode {
  /** A deliberate end: the user logged out or closed the IDE, an operator asked for it. */
  NORMAL(1000, "normal"),
  /** The Backend or the Agent is shutting down or restarting; reconnect with backoff. */
  GOING_AWAY(1001, "going away"),
  /** The peer broke the protocol in a way that ends the connection, e.g. a binary frame. */
  POLICY_VIOLATION(1008, "policy violation"),
  /** A message larger than the WebSocket server's own limit, refused before the codec. */
  TOO_BIG(1009, "message too big"),
  /** The closing side failed; reconnect with backoff. */
  INTERNAL_ERROR(1011, "internal error"),
  /** The session expired or was revoked, or the Agent's token is no longer valid. */
  UNAUTHENTICATED(4001, "unauthenticated"),
  /** Another Agent connected for the same cluster; the newest connection wins. */
  REPLACED(4003, "replaced by another agent"),
  /** The client read too slowly for too long; it reconnects and resyncs. */
  SLOW_CONSUMER(4008, "slow consumer"),
  /** The client kept sending faster than its rate limit. */
  RATE_LIMITED(4029, "rate limited");

  private final int code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  /** The number in the close frame. */
  public int code() {
    return code;
  }

  /** A short reason for the close frame; well under the 123 bytes a close frame allows. */
  public String reason() {
    return reason;
  }

  /** The constant for a close frame's code, if it is one of ours. */
  public static Optional<CloseCode> of(int code) {
    for (CloseCode value : values()) {
      if (value.code == code) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
