package app.octokube.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One JSON value held as compact UTF-8 bytes: a projected object on its way from the Agent's hot
 * state to a browser. Holding bytes rather than a tree is what lets the Agent keep 150,000
 * objects small and lets every hop copy an object without parsing it again.
 *
 * <p>Instances are immutable: the constructor does not copy, so callers hand over arrays they
 * will never write again, and {@link #bytes()} must be treated as read-only.
 */
@JsonSerialize(using = RawJson.Serializer.class)
@JsonDeserialize(using = RawJson.Deserializer.class)
public final class RawJson {
  private final byte[] utf8;

  private RawJson(byte[] utf8) {
    this.utf8 = utf8;
  }

  /** Wraps bytes that already hold exactly one well-formed JSON value. Does not copy. */
  public static RawJson wrap(byte[] utf8) {
    return new RawJson(Objects.requireNonNull(utf8, "json"));
  }

  public static RawJson of(String json) {
    return new RawJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes; never modify them. */
  public byte[] bytes() {
    return utf8;
  }

  public int size() {
    return utf8.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawJson other && Arrays.equals(utf8, other.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }

  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Writes this value as it is, as {@link Serializer} does, for encoders that write by hand. */
  void writeRaw(JsonGenerator gen) throws IOException {
    writeRaw(gen, utf8, 0, utf8.length);
  }

  /** Writes {@code length} bytes of {@code utf8} from {@code offset}, one JSON value, as they are. */
  static void writeRaw(JsonGenerator gen, byte[] utf8, int offset, int length) throws IOException {
    gen.writeRawValue(new RawUtf8(utf8, offset, length));
  }

  /** Writes the bytes as they are, without escaping or re-encoding them. */
  static final class Serializer extends JsonSerializer<RawJson> {
    @Override
    public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      value.writeRaw(gen);
    }
  }

  /**
   * Reads one JSON value of any shape into compact bytes. The value is copied token by token, so
   * what is kept is well-formed whatever the input's whitespace.
   */
  static final class Deserializer extends JsonDeserializer<RawJson> {
    @Override
    public RawJson deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      JsonFactory factory = parser.getCodec() != null ? parser.getCodec().getFactory() : new JsonFactory();
      try (JsonGenerator gen = factory.createGenerator(out)) {
        gen.copyCurrentStructure(parser);
      }
      return new RawJson(out.toByteArray());
    }

    @Override
    public RawJson getNullValue(DeserializationContext context) {
      return null;
    }
  }

  /**
   * Bytes that are already UTF-8 JSON, offered to Jackson as a string to write unquoted. Only the
   * unquoted forms are meaningful; raw values are never written as quoted strings.
   */
  private static final class RawUtf8 implements SerializableString {
    private final byte[] utf8;
    private final int offset;
    private final int length;

    RawUtf8(byte[] utf8, int offset, int length) {
      this.utf8 = utf8;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public String getValue() {
      return new String(utf8, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return offset == 0 && length == utf8.length
          ? utf8
          : Arrays.copyOfRange(utf8, offset, offset + length);
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
      if (at + length > buffer.length) {
        return -1;
      }
      System.arraycopy(utf8, offset, buffer, at, length);
      return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
      char[] chars = getValue().toCharArray();
      if (at + chars.length > buffer.length) {
        return -1;
      }
      System.arraycopy(chars, 0, buffer, at, chars.length);
      return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8, offset, length);
      return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw new UnsupportedOperationException("raw JSON is never quoted");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (buffer.remaining() < length) {
        return -1;
      }
      buffer.put(utf8, offset, length);
      return length;
    }
  }
}
