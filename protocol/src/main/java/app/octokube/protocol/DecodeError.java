package app.octokube.protocol;

import app.octokube.protocol.client.ErrorCode;
import java.util.Objects;

/**
 * Why a frame could not be decoded. The message is for humans: it names the field at fault,
 * quotes at most 64 characters of the input, and never holds a Java class name or a stack trace,
 * so a Backend may pass it to the peer as it is.
 */
public record DecodeError(Kind kind, String message) {

  /** What kind of wrong the frame was. */
  public enum Kind {
    /** Not JSON, truncated, trailing content after the object, or not an object. */
    MALFORMED,
    /** The {@code op} is not one this direction of this link knows. */
    UNKNOWN_OP,
    /** A required field, {@code op} included, is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong type, a bad format, or breaks a rule of its message. */
    INVALID_FIELD,
    /** The frame is over the size limit, or nests deeper than the depth limit. */
    TOO_LARGE
  }

  public DecodeError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The code the Backend answers a client with when one of its frames fails to decode. */
  public ErrorCode clientCode() {
    switch (kind) {
      case UNKNOWN_OP:
        return ErrorCode.UNKNOWN_OP;
      case TOO_LARGE:
        return ErrorCode.TOO_LARGE;
      default:
        return ErrorCode.BAD_REQUEST;
    }
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
