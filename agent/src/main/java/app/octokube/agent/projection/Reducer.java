package app.octokube.agent.projection;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * A named way to write a value in a shape other than its own, used by a path that ends in {@code
 * {name}}: {@code data{keys}}, {@code spec.volumes[]{volume}}. Every reducer takes a map; a value
 * of any other shape is omitted by the caller, so a reducer always writes exactly one value.
 */
enum Reducer {
  /** The map's keys, sorted, as an array of strings: what a Secret or ConfigMap holds, not what. */
  KEYS("keys") {
    @Override
    void write(JsonGenerator gen, Map<?, ?> map) throws IOException {
      CanonicalOrder.writeSortedKeys(gen, map);
    }
  },

  /**
   * A pod volume as {@code {"name":…,"source":…}}: its name and which kind of source it mounts
   * (configMap, secret, persistentVolumeClaim, projected, …), never the source's settings. The
   * source is the first field other than {@code name}, in sorted order, so the choice does not
   * depend on the input's key order even for a malformed volume that names two sources.
   */
  VOLUME("volume") {
    @Override
    void write(JsonGenerator gen, Map<?, ?> map) throws IOException {
      gen.writeStartObject();
      if (map.get("name") instanceof String name) {
        gen.writeStringField("name", name);
      }
      String source = firstKeyOtherThan(map, "name");
      if (source != null) {
        gen.writeStringField("source", source);
      }
      gen.writeEndObject();
    }
  };

  private final String label;

  Reducer(String label) {
    this.label = label;
  }

  /** Writes {@code map} reduced; the caller has written the field name. */
  abstract void write(JsonGenerator gen, Map<?, ?> map) throws IOException;

  /** The name used between braces in a path. */
  String label() {
    return label;
  }

  /** The reducer a path names between braces. */
  static Reducer named(String label) {
    for (Reducer reducer : values()) {
      if (reducer.label.equals(label)) {
        return reducer;
      }
    }
    throw new IllegalArgumentException(
        "unknown reducer {" + label + "}: known are {keys} and {volume}");
  }

  /**
   * The smallest key of {@code map} other than {@code excluded} (null excludes nothing) whose value
   * is present, or null.
   */
  static String firstKeyOtherThan(Map<?, ?> map, String excluded) {
    String first = null;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = (String) entry.getKey();
      if (!key.equals(excluded)
          && !CanonicalOrder.isAbsent(entry.getValue())
          && (first == null || key.compareTo(first) < 0)) {
        first = key;
      }
    }
    return first;
  }
}
