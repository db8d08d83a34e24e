package app.octokube.agent.projection;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that make a projection's bytes a function of the object's content alone, whatever order
 * its maps were read in: keys of copied maps are written in {@link String#compareTo} order, absent
 * values are never written, and numbers keep their Java type's exact form.
 *
 * <p>Kubernetes serializes Go maps (labels, annotations, resource quantities) with sorted keys, so
 * those arrive sorted; {@link #sortedKeys} checks that first and only allocates to sort the rest
 * (structs, which arrive in declaration order).
 */
final class CanonicalOrder {
  private CanonicalOrder() {}

  /**
   * Whether a value counts as not there: JSON null or an empty object. Kubernetes omits empty
   * structs and treats null as unset, so writing either would only make equal objects differ.
   */
  static boolean isAbsent(Object value) {
    if (value == null) {
      return true;
    }
    Map<?, ?> map = asMap(value);
    return map != null && map.isEmpty();
  }

  /*
   * Why asMap and asList test classes before interfaces: on HotSpot an instanceof against an
   * interface that fails (a String tested against Map, the common case in a tree of mostly
   * strings) scans the class's interfaces on every call, since only successes are cached; a test
   * against a class is a constant-time check. JSON objects and arrays arrive as HashMap
   * (LinkedHashMap) and ArrayList, and scalars as String, Boolean and Number, so the interface
   * checks below are reached only by other map and list types, which still take the same path.
   */

  /** {@code value} if it is a map, else null. */
  static Map<?, ?> asMap(Object value) {
    if (value instanceof HashMap<?, ?> map) {
      return map;
    }
    if (isKnownNonMap(value)) {
      return null;
    }
    return value instanceof Map<?, ?> map ? map : null;
  }

  /** {@code value} if it is a list, else null. */
  static List<?> asList(Object value) {
    if (value instanceof ArrayList<?> list) {
      return list;
    }
    if (value == null
        || value instanceof String
        || value instanceof HashMap
        || value instanceof Boolean
        || value instanceof Number) {
      return null;
    }
    return value instanceof List<?> list ? list : null;
  }

  private static boolean isKnownNonMap(Object value) {
    return value == null
        || value instanceof String
        || value instanceof ArrayList
        || value instanceof Boolean
        || value instanceof Number;
  }

  /** The keys of {@code map} in sorted order; the map's own key set when already sorted. */
  @SuppressWarnings("unchecked")
  static Iterable<String> sortedKeys(Map<?, ?> map) {
    Iterable<String> keys = (Iterable<String>) map.keySet();
    if (map.size() < 2 || isSortedStrings(keys)) {
      return keys;
    }
    String[] sorted = map.keySet().toArray(new String[0]);
    Arrays.sort(sorted);
    return Arrays.asList(sorted);
  }

  /** Whether {@code keys} come in sorted order. */
  @SuppressWarnings("unchecked")
  static boolean isSorted(Iterable<?> keys) {
    return isSortedStrings((Iterable<String>) keys);
  }

  private static boolean isSortedStrings(Iterable<String> keys) {
    String previous = null;
    for (String key : keys) {
      if (previous != null && previous.compareTo(key) > 0) {
        return false;
      }
      previous = key;
    }
    return true;
  }

  /** Writes the keys of {@code map} whose values are present, sorted, as an array of strings. */
  static void writeSortedKeys(JsonGenerator gen, Map<?, ?> map) throws IOException {
    gen.writeStartArray();
    for (String key : sortedKeys(map)) {
      if (map.get(key) != null) {
        gen.writeString(key);
      }
    }
    gen.writeEndArray();
  }

  /**
   * Writes a value that is neither a map nor a list. Jackson maps JSON to String, Boolean, Integer,
   * Long, BigInteger, Double or BigDecimal; anything else cannot come from JSON and is written as
   * null rather than through its {@code toString}, which could print anything.
   */
  static void writeScalar(JsonGenerator gen, Object value) throws IOException {
    if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      gen.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      gen.writeNumber(l);
    } else if (value instanceof Double d) {
      gen.writeNumber(d);
    } else if (value instanceof Float f) {
      gen.writeNumber(f);
    } else if (value instanceof BigInteger big) {
      gen.writeNumber(big);
    } else if (value instanceof BigDecimal decimal) {
      gen.writeNumber(decimal);
    } else {
      gen.writeNull();
    }
  }
}
