package app.octokube.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks shared by the compact constructors of the wire messages, so that every message that
 * exists is valid, whether a module built it or the {@link Codec} decoded it.
 *
 * <p>The rule the codec relies on: a missing required field is refused with
 * {@link Objects#requireNonNull(Object, String)} whose message is the field's JSON name, and
 * every other violated constraint with an {@link IllegalArgumentException} whose message is
 * short, names the field, and never quotes the offending value. The codec turns the first into
 * {@link DecodeError.Kind#MISSING_FIELD} and the second into
 * {@link DecodeError.Kind#INVALID_FIELD}, and passes the message on to the peer.
 */
public final class Fields {
  /** Request ids appear in log lines, so they are short and plain. */
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Fields() {}

  /** An immutable copy of a required list that holds no null element. */
  public static <T> List<T> list(List<T> value, String field) {
    Objects.requireNonNull(value, field);
    for (T element : value) {
      if (element == null) {
        throw new IllegalArgumentException(field + " must not contain null");
      }
    }
    return List.copyOf(value);
  }

  /** Like {@link #list}, for a list that stands for a set: no element may appear twice. */
  public static <T> List<T> distinct(List<T> value, String field) {
    List<T> copy = list(value, field);
    Set<T> seen = new HashSet<>(copy.size() * 2);
    for (T element : copy) {
      if (!seen.add(element)) {
        throw new IllegalArgumentException(field + " must not contain the same value twice");
      }
    }
    return copy;
  }

  /**
   * Labels as the access rules read them: absent means none; no key or value may be null or hold
   * an unpaired surrogate (Kubernetes labels are ASCII; a lone surrogate could be written to JSON
   * only as an escape that parsers refuse in a field name). The map is checked, not copied:
   * labels travel with every change, and their producers hand over maps they no longer touch.
   *
   * <p>The one exception is a sorted map with its own comparator, copied into key order: the
   * encoder sorts map entries by key but trusts a {@link SortedMap} to be sorted already, so such
   * a map would be written in its comparator's order, breaking "equal messages, equal bytes".
   */
  public static Map<String, String> labels(Map<String, String> value, String field) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof SortedLabels checked) {
      // Immutable and checked once when built (the Agent builds one per projection and passes it
      // to every message about that object): the outcome is remembered, not recomputed.
      if (!checked.validText()) {
        throw new IllegalArgumentException(field + " must be valid Unicode text");
      }
      return checked;
    }
    for (Map.Entry<String, String> entry : value.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new IllegalArgumentException(field + " must not hold a null key or value");
      }
      if (hasUnpairedSurrogate(entry.getKey()) || hasUnpairedSurrogate(entry.getValue())) {
        throw new IllegalArgumentException(field + " must be valid Unicode text");
      }
    }
    if (value instanceof SortedMap<String, String> sorted && sorted.comparator() != null) {
      // TreeMap(Map), not TreeMap(SortedMap): the copy sorts by natural order.
      return new TreeMap<>(value);
    }
    return value;
  }

  static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  /**
   * A projected object: a {@link RawJson} holding a JSON object. RawJson bytes are compact, so
   * the first byte tells; nothing else is parsed, since objects are checked where they are
   * projected and copied untouched from there on.
   */
  public static RawJson jsonObject(RawJson value, String field) {
    Objects.requireNonNull(value, field);
    if (value.size() == 0 || value.bytes()[0] != '{') {
      throw new IllegalArgumentException(field + " must be a JSON object");
    }
    return value;
  }

  /** Like {@link #list}, for a list of projected objects. */
  public static List<RawJson> jsonObjects(List<RawJson> value, String field) {
    List<RawJson> copy = list(value, field);
    for (RawJson object : copy) {
      if (object.size() == 0 || object.bytes()[0] != '{') {
        throw new IllegalArgumentException(field + " must hold only JSON objects");
      }
    }
    return copy;
  }

  /** A required string that is not empty. */
  public static String text(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return value;
  }

  /** A request id: 1 to 64 letters, digits, '.', '_', ':' or '-'. */
  public static String requestId(String value, String field) {
    Objects.requireNonNull(value, field);
    if (!REQUEST_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }
}
