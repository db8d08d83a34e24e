package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A name written from the cache must be the bytes the generator writes from the String. */
class EncodedNamesTest {
  private static final JsonFactory PLAIN = JsonFactory.builder().build();
  private static final JsonFactory COMBINING =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /** Shared by the tries, so later names meet slots that earlier ones filled. */
  private final EncodedNames names = new EncodedNames();

  @Property(tries = 2000)
  void anyNameIsWrittenAsTheGeneratorWritesIt(@ForAll @Size(max = 12) List<String> keys)
      throws IOException {
    for (JsonFactory factory : List.of(PLAIN, COMBINING)) {
      assertThat(write(factory, keys, true)).isEqualTo(write(factory, keys, false));
      // Again, now that the names are cached.
      assertThat(write(factory, keys, true)).isEqualTo(write(factory, keys, false));
    }
  }

  @Test
  void onlyPlainNamesAreKept() {
    assertThat(names.of("app.kubernetes.io/name")).isNotNull();
    assertThat(names.of("app.kubernetes.io/name").getValue()).isEqualTo("app.kubernetes.io/name");
    assertThat(names.of("with \"quote\"")).isNull();
    assertThat(names.of("back\\slash")).isNull();
    assertThat(names.of("tab\t")).isNull();
    assertThat(names.of("caf\u00e9")).isNull();
    assertThat(names.of("x".repeat(EncodedNames.MAX_LENGTH + 1))).isNull();
    assertThat(names.of("x".repeat(EncodedNames.MAX_LENGTH))).isNotNull();
  }

  @Test
  void namesThatShareASlotEachGetTheirOwnBytes() {
    // "Aa" and "BB" have the same hash, so the same slot.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(names.of("Aa").getValue()).isEqualTo("Aa");
    assertThat(names.of("BB").getValue()).isEqualTo("BB");
    assertThat(names.of("Aa").getValue()).isEqualTo("Aa");
  }

  private byte[] write(JsonFactory factory, List<String> keys, boolean cached) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = factory.createGenerator(out)) {
      gen.writeStartObject();
      for (String key : keys) {
        if (cached) {
          names.writeFieldName(gen, key);
        } else {
          gen.writeFieldName(key);
        }
        gen.writeNumber(1);
      }
      gen.writeEndObject();
    } catch (IllegalArgumentException | IOException e) {
      // A name the generator refuses (an unpaired surrogate) must be refused both ways.
      return ("refused: " + e.getClass().getName()).getBytes();
    }
    return out.toByteArray();
  }
}
