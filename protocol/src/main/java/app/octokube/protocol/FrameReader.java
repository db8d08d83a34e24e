package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Decodes the frames of one direction of one link into that direction's family of messages, under
 * that direction's {@link FrameLimits}. Immutable, so safe to share between threads.
 *
 * <p>A frame is accepted only if it is exactly one JSON object, within the limits, whose
 * {@code op} belongs to the family and whose fields satisfy the message's constructor. Whatever
 * the bytes, {@link #decode} returns and never throws.
 */
final class FrameReader<T> {
  private final ObjectReader reader;
  private final FrameLimits limits;
  private final String expectedOps;

  /**
   * @param strictDuplicates refuse an object with a repeated field name; for frames from
   *     untrusted peers, where a repeated {@code op} could make two readers disagree
   */
  FrameReader(ObjectMapper mapper, Class<T> family, FrameLimits limits, boolean strictDuplicates) {
    JsonFactory factory =
        mapper.getFactory().rebuild()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
            .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strictDuplicates)
            .build();
    this.reader = mapper.readerFor(family).with(factory);
    this.limits = limits;
    this.expectedOps = opsOf(family);
  }

  Decoded<T> decode(byte[] frame) {
    if (frame.length > limits.maxBytes()) {
      return tooLarge();
    }
    try (JsonParser parser = reader.createParser(frame)) {
      return read(parser);
    } catch (Exception | StackOverflowError failure) {
      return Decoded.failed(DecodeFailures.describe(failure, limits, expectedOps));
    }
  }

  Decoded<T> decode(String frame) {
    long bytes = WireText.utf8Length(frame, limits.maxBytes());
    if (bytes > limits.maxBytes()) {
      return tooLarge();
    }
    try (JsonParser parser = reader.createParser(frame)) {
      return read(parser);
    } catch (Exception | StackOverflowError failure) {
      return Decoded.failed(DecodeFailures.describe(failure, limits, expectedOps));
    }
  }

  private Decoded<T> read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return Decoded.failed(DecodeError.Kind.MALFORMED, "the frame is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      return Decoded.failed(DecodeError.Kind.MALFORMED, "a frame must be one JSON object");
    }
    T message = reader.readValue(parser);
    if (hasTrailingContent(parser)) {
      return Decoded.failed(
          DecodeError.Kind.MALFORMED, "the frame continues after its JSON object");
    }
    return Decoded.ok(message);
  }

  private static boolean hasTrailingContent(JsonParser parser) {
    try {
      return parser.nextToken() != null;
    } catch (IOException e) {
      // What follows the object is not even JSON; it is still content after the object.
      return true;
    }
  }

  private Decoded<T> tooLarge() {
    return Decoded.failed(
        DecodeError.Kind.TOO_LARGE,
        "the frame is larger than the limit of " + limits.maxBytes() + " bytes");
  }

  private static String opsOf(Class<?> family) {
    JsonSubTypes subTypes = family.getAnnotation(JsonSubTypes.class);
    return Arrays.stream(subTypes.value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.joining(", "));
  }
}
