package app.octokube.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * JSON field names kept encoded, so that a name that recurs in every object (label and annotation
 * keys, {@code cpu} and {@code memory} in resources) is written as a copy of its bytes rather than
 * character by character. Names parsed from JSON are interned by the parser, so the same name
 * arrives as the same String, found here by identity, its hash cached in it.
 *
 * <p>Direct-mapped: a slot holds the last name that hashed to it, so memory is bounded whatever
 * the objects hold. Only plain names are kept: printable ASCII without quote or backslash, at most
 * {@link #MAX_LENGTH} characters, which a generator writes the same whether given the String or
 * these bytes, whatever its features; {@link #of} gives null for any other name.
 *
 * <p>Thread-safe without locks: a slot holds an immutable entry, replaced whole, so a reader sees
 * either the old entry or the new one (final fields make publication safe).
 */
public final class EncodedNames {
  private static final int SLOTS = 512;

  static final int MAX_LENGTH = 128;

  private record Entry(String name, SerializedString encoded) {}

  private final Entry[] slots = new Entry[SLOTS];

  /** {@code name} encoded, or null if it is not plain. */
  public SerializableString of(String name) {
    int slot = name.hashCode() & (SLOTS - 1);
    Entry entry = slots[slot];
    if (entry != null && (entry.name == name || entry.name.equals(name))) {
      return entry.encoded;
    }
    if (!isPlain(name)) {
      return null;
    }
    entry = new Entry(name, new SerializedString(name));
    slots[slot] = entry;
    return entry.encoded;
  }

  /** Writes {@code name} as a field name, from its encoded bytes when it is plain. */
  public void writeFieldName(JsonGenerator gen, String name) throws IOException {
    SerializableString encoded = of(name);
    if (encoded != null) {
      gen.writeFieldName(encoded);
    } else {
      gen.writeFieldName(name);
    }
  }

  static boolean isPlain(String name) {
    int length = name.length();
    if (length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
