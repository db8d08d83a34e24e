package app.octokube.protocol.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why the Backend refused or failed a client's request, for programs. On the wire a code is its
 * constant's name in lowercase with dashes ({@code TOO_LARGE} is {@code "too-large"}).
 * docs/protocol.md says for each what the client should do.
 */
public enum ErrorCode {
  /** The frame was not valid JSON, or a field was missing or invalid. */
  BAD_REQUEST,
  /** The frame's {@code op} is not one a client may send. */
  UNKNOWN_OP,
  /** The frame is larger than the Backend accepts, or nests too deeply. */
  TOO_LARGE,
  /** No cluster has that id, or the user may see nothing in it. */
  UNKNOWN_CLUSTER,
  /** The cluster's Agent does not serve that resource type (now). */
  UNKNOWN_RESOURCE,
  /** The user's rules grant nothing of that resource in that cluster. */
  FORBIDDEN,
  /** The client sent too many requests too fast; the request was dropped. */
  RATE_LIMITED,
  /** The connection already holds as many subscriptions as the Backend allows. */
  TOO_MANY_SUBSCRIPTIONS,
  /** The Backend failed; the message says no more than that. */
  INTERNAL,
  /** The session expired or was revoked; the connection is about to close. */
  UNAUTHENTICATED,
  /** Only a time-windowed binding would grant this, and its window is closed now. */
  NO_ACCESS_NOW;

  private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** The code as it appears on the wire, e.g. {@code no-access-now}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }
}
