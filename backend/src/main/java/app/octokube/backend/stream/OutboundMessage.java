package app.octokube.backend.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One text message for a client, as a head and an optional body: the head is the small part that
 * differs per client (a delta's envelope), the body the large part shared by every client of an
 * access class (the encoded changes, a snapshot's items), written as it is to every socket and
 * never copied per client. The message is the head's UTF-8 bytes followed by the body's.
 *
 * @param head the start of the message, or all of it when {@code body} is null
 * @param body the rest of the message; shared, never modified
 */
public record OutboundMessage(String head, Buffer body) {
  public OutboundMessage {
    Objects.requireNonNull(head, "head");
    if (head.isEmpty()) {
      throw new IllegalArgumentException("head must not be empty: it opens the text frame");
    }
  }

  public static OutboundMessage of(String whole) {
    return new OutboundMessage(whole, null);
  }

  /** The message's size in bytes; the head is counted in chars, exact for the ASCII envelopes. */
  public long size() {
    return head.length() + (body == null ? 0 : body.length());
  }

  /** The whole message as a string; for tests and logs of small messages, never on the fan-out path. */
  public String text() {
    return body == null ? head : head + body.toString(StandardCharsets.UTF_8);
  }
}
