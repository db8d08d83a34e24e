package app.octokube.agent.projection;

import app.octokube.protocol.EncodedNames;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Walks an object's maps along a {@link Selection} and writes what it selects, streaming, with no
 * intermediate tree. Every field passes its {@link RedactionFloor} rule first, whether a path names
 * it or it sits deep inside a copied subtree: this class is the single gate that makes the floor
 * hold for every table and every configured path.
 *
 * <p>Shape rules, which make output a function of content alone:
 *
 * <ul>
 *   <li>selected fields are written in the selection's order; copied maps in sorted key order;
 *   <li>null and empty-object values are not written;
 *   <li>an object-valued field is written only once one of its fields is (objects are opened
 *       lazily), so a selection that finds nothing leaves no {@code {}} behind; list elements are
 *       always written, to keep positions;
 *   <li>a value whose shape does not match its path (a map where a list was expected, a scalar
 *       where fields were selected) is not written; list elements of the wrong shape are skipped.
 * </ul>
 *
 * <p>Governed forms: {@code KEYS_ONLY} writes a map's sorted keys; {@code ENV} writes each entry as
 * {@code {"name":…,"from":<source kind>}} (or a map's sorted keys); {@code ANNOTATIONS} keeps what
 * {@link RedactionFloor#keepsAnnotation} allows; {@code DROP} writes nothing.
 *
 * <p>One thread's {@link OutputBuffer} keeps one instance for all its projections: the writer is
 * empty again after each object it writes completely, and the buffer drops it after a failure.
 */
final class SelectionWriter {
  private final JsonGenerator gen;
  private final EncodedNames encodedNames;

  /** Names of the object fields begun and not yet ended; String or SerializableString. */
  private Object[] names = new Object[16];

  /** How many of them are begun; the first {@link #opened} of these are written. */
  private int depth;

  private int opened;

  /** Key, value pairs of copied maps being sorted, nested levels stacked; see writeWholeFields. */
  private Object[] sortScratch = new Object[32];

  private int sortTop;

  SelectionWriter(JsonGenerator gen, EncodedNames encodedNames) {
    this.gen = gen;
    this.encodedNames = encodedNames;
  }

  /** Writes, as fields of the object being written, those of {@code selection} {@code map} has. */
  void writeFields(Map<?, ?> map, Selection selection) throws IOException {
    for (Selection.Field field : selection.fieldArray()) {
      Object value = map.get(field.name());
      if (!CanonicalOrder.isAbsent(value)) {
        writeField(field.encodedName(), field.rule(), value, field);
      }
    }
  }

  /** Writes one present field; {@code field} null means the whole value, as in a copied map. */
  private void writeField(
      Object name, RedactionFloor.Rule rule, Object value, Selection.Field field)
      throws IOException {
    switch (rule) {
      case DROP -> {
        // Never written, by definition.
      }
      case KEYS_ONLY -> writeKeys(name, value);
      case ENV -> writeEnv(name, value);
      case ANNOTATIONS -> writeAnnotations(name, value);
      case NONE -> {
        if (field == null || field.whole()) {
          writeWhole(name, value);
        } else if (field.list()) {
          writeList(name, value, field);
        } else {
          Map<?, ?> map = CanonicalOrder.asMap(value);
          if (map != null) {
            writeShaped(name, map, field);
          }
        }
      }
    }
  }

  private void writeList(Object name, Object value, Selection.Field field) throws IOException {
    List<?> list = CanonicalOrder.asList(value);
    if (list == null) {
      return;
    }
    startArray(name);
    for (Object element : list) {
      Map<?, ?> map = CanonicalOrder.asMap(element);
      if (map != null) {
        if (field.reducer() != null) {
          field.reducer().write(gen, map);
        } else {
          gen.writeStartObject();
          writeFields(map, field.children());
          gen.writeEndObject();
        }
      }
    }
    gen.writeEndArray();
  }

  private void writeShaped(Object name, Map<?, ?> map, Selection.Field field) throws IOException {
    if (field.reducer() != null) {
      writeName(name);
      field.reducer().write(gen, map);
    } else {
      begin(name);
      writeFields(map, field.children());
      end();
    }
  }

  /** Writes {@code name} and a copy of {@code value}: maps in sorted key order, floor applied. */
  private void writeWhole(Object name, Object value) throws IOException {
    Map<?, ?> map = CanonicalOrder.asMap(value);
    if (map != null) {
      begin(name);
      writeWholeFields(map);
      end();
    } else {
      writeName(name);
      writeWholeValue(value);
    }
  }

  /** Writes exactly one value, as a list element must be. */
  private void writeWholeValue(Object value) throws IOException {
    if (value instanceof String text) {
      gen.writeString(text);
      return;
    }
    Map<?, ?> map = CanonicalOrder.asMap(value);
    if (map != null) {
      gen.writeStartObject();
      writeWholeFields(map);
      gen.writeEndObject();
      return;
    }
    List<?> list = CanonicalOrder.asList(value);
    if (list != null) {
      gen.writeStartArray();
      for (Object element : list) {
        writeWholeValue(element);
      }
      gen.writeEndArray();
    } else {
      CanonicalOrder.writeScalar(gen, value);
    }
  }

  /**
   * Writes a copied map's fields in sorted key order. Go maps (resources, nodeSelector) arrive
   * sorted and are walked as they are, entry by entry; structs (a port) arrive in declaration
   * order and are sorted in {@link #sortScratch}, a stack shared by the nested levels, rather
   * than in a fresh array per map.
   */
  private void writeWholeFields(Map<?, ?> map) throws IOException {
    if (map.size() < 2 || CanonicalOrder.isSorted(map.keySet())) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeWholeEntry((String) entry.getKey(), entry.getValue());
      }
      return;
    }
    int base = sortTop;
    int top = base + map.size() * 2;
    if (top > sortScratch.length) {
      sortScratch = Arrays.copyOf(sortScratch, Math.max(top, sortScratch.length * 2));
    }
    // Insertion sort of key, value pairs: structs have a handful of fields.
    int end = base;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = (String) entry.getKey();
      int at = end;
      while (at > base && ((String) sortScratch[at - 2]).compareTo(key) > 0) {
        sortScratch[at] = sortScratch[at - 2];
        sortScratch[at + 1] = sortScratch[at - 1];
        at -= 2;
      }
      sortScratch[at] = key;
      sortScratch[at + 1] = entry.getValue();
      end += 2;
    }
    sortTop = top;
    for (int i = base; i < top; i += 2) {
      writeWholeEntry((String) sortScratch[i], sortScratch[i + 1]);
    }
    Arrays.fill(sortScratch, base, top, null);
    sortTop = base;
  }

  private void writeWholeEntry(String key, Object value) throws IOException {
    if (!CanonicalOrder.isAbsent(value)) {
      writeField(key, RedactionFloor.ruleFor(key), value, null);
    }
  }

  private void writeKeys(Object name, Object value) throws IOException {
    Map<?, ?> map = CanonicalOrder.asMap(value);
    if (map != null) {
      writeName(name);
      CanonicalOrder.writeSortedKeys(gen, map);
    }
  }

  private void writeEnv(Object name, Object value) throws IOException {
    List<?> entries = CanonicalOrder.asList(value);
    if (entries == null) {
      writeKeys(name, value);
    } else {
      startArray(name);
      for (Object entry : entries) {
        Map<?, ?> variable = CanonicalOrder.asMap(entry);
        if (variable != null) {
          gen.writeStartObject();
          if (variable.get("name") instanceof String variableName) {
            gen.writeStringField("name", variableName);
          }
          if (variable.get("valueFrom") instanceof Map<?, ?> from) {
            String kind = Reducer.firstKeyOtherThan(from, null);
            if (kind != null) {
              gen.writeStringField("from", kind);
            }
          }
          gen.writeEndObject();
        }
      }
      gen.writeEndArray();
    }
  }

  private void writeAnnotations(Object name, Object value) throws IOException {
    Map<?, ?> annotations = CanonicalOrder.asMap(value);
    if (annotations == null) {
      return;
    }
    begin(name);
    for (String key : CanonicalOrder.sortedKeys(annotations)) {
      Object annotation = annotations.get(key);
      if (RedactionFloor.keepsAnnotation(key, annotation)) {
        writeName(key);
        gen.writeString((String) annotation);
      }
    }
    end();
  }

  /** Begins an object-valued field, to be written only if something is written inside it. */
  private void begin(Object name) {
    if (depth == names.length) {
      names = Arrays.copyOf(names, depth * 2);
    }
    names[depth++] = name;
  }

  private void end() throws IOException {
    if (opened == depth) {
      gen.writeEndObject();
      opened--;
    }
    names[--depth] = null;
  }

  /** Writes a field name, after the names and openings of the objects that contain it. */
  private void writeName(Object name) throws IOException {
    while (opened < depth) {
      writeRawName(names[opened++]);
      gen.writeStartObject();
    }
    writeRawName(name);
  }

  private void startArray(Object name) throws IOException {
    writeName(name);
    gen.writeStartArray();
  }

  private void writeRawName(Object name) throws IOException {
    // String first: a failed check against the SerializableString interface is slow.
    if (name instanceof String text) {
      encodedNames.writeFieldName(gen, text);
    } else {
      gen.writeFieldName((SerializableString) name);
    }
  }
}
