package app.octokube.protocol;

import java.util.Objects;

/**
 * The outcome of decoding one frame: the message, or why there is none. Decoding bad input is
 * ordinary on a public socket, so it is a value to branch on rather than an exception.
 *
 * @param <T> the family of messages decoded, e.g. {@code ClientRequest}
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Failed {

  static <T> Decoded<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Decoded<T> failed(DecodeError error) {
    return new Failed<>(error);
  }

  static <T> Decoded<T> failed(DecodeError.Kind kind, String message) {
    return new Failed<>(new DecodeError(kind, message));
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /**
   * The message; for callers that already checked {@link #isOk()}, and for tests.
   *
   * @throws IllegalStateException if decoding failed
   */
  default T orElseThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("frame did not decode: " + ((Failed<T>) this).error());
  }

  /** The frame decoded to a valid message. */
  record Ok<T>(T value) implements Decoded<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The frame was refused; nothing of it is kept. */
  record Failed<T>(DecodeError error) implements Decoded<T> {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }
}
