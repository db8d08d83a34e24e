package app.octokube.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * An immutable label map kept in key order ({@link String#compareTo}), built once where labels are
 * first taken from an object and then passed along unchanged. Why it exists, both on the Agent's
 * per-event path:
 *
 * <ul>
 *   <li>the encoder writes map entries sorted by key, copying every map into a {@code TreeMap} to
 *       do so, except a {@link SortedMap}, which it trusts; this one is sorted by natural order
 *       ({@link #comparator()} is null), so it is written as it is, with the same bytes;
 *   <li>{@link Fields#labels} checks every key and value of every label map a message carries;
 *       this map was checked once, when built, and remembers the outcome, so messages made from it
 *       (a change, its previous state, a snapshot item) skip the second pass.
 * </ul>
 *
 * <p>Layout: one array of keys and values alternating, keys strictly ascending; lookups are binary
 * searches. That is smaller than {@code Map.copyOf}'s open-addressing table, which matters because
 * the Agent keeps one per object. Nulls are refused, as {@code Map.copyOf} refuses them.
 */
public final class SortedLabels extends AbstractMap<String, String>
    implements SortedMap<String, String> {
  private static final SortedLabels EMPTY = new SortedLabels(new String[0]);

  /** k0, v0, k1, v1, …; keys strictly ascending; never modified. */
  private final String[] entries;

  /** No key or value holds an unpaired surrogate: what {@link Fields#labels} requires. */
  private final boolean validText;

  /** No key or value holds a surrogate at all, paired or not; see {@link #withJson}. */
  private final boolean noSurrogates;

  /** This map as compact JSON: {@code json[jsonFrom, jsonTo)}, or null if not known. */
  private final byte[] json;

  private final int jsonFrom;

  private final int jsonTo;

  private SortedLabels(String[] entries) {
    this.entries = entries;
    boolean none = true;
    for (String text : entries) {
      if (hasSurrogate(text)) {
        none = false;
        break;
      }
    }
    boolean valid = true;
    for (int i = 0; !none && i < entries.length; i++) {
      if (Fields.hasUnpairedSurrogate(entries[i])) {
        valid = false;
        break;
      }
    }
    this.validText = valid;
    this.noSurrogates = none;
    this.json = null;
    this.jsonFrom = 0;
    this.jsonTo = 0;
  }

  private SortedLabels(SortedLabels labels, byte[] json, int from, int to) {
    this.entries = labels.entries;
    this.validText = labels.validText;
    this.noSurrogates = labels.noSurrogates;
    this.json = json;
    this.jsonFrom = from;
    this.jsonTo = to;
  }

  private static boolean hasSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * These labels, remembering their JSON: {@code utf8[from, to)} must hold exactly this map as a
   * Jackson generator with default features writes it, compact, entries in this map's order (the
   * Agent's projection writes an object's labels so, and passes the slice here instead of having
   * the delta encoder write the same labels again). Never modified; not copied.
   *
   * <p>Kept only when no key or value holds a surrogate, for then the wire codec writes the same
   * bytes (it differs in writing a surrogate pair as four UTF-8 bytes, where the default is an
   * escape per surrogate); otherwise this map is returned as it is, and labels are written from
   * their text as before.
   */
  public SortedLabels withJson(byte[] utf8, int from, int to) {
    Objects.checkFromToIndex(from, to, utf8.length);
    if (!noSurrogates || entries.length == 0) {
      return this;
    }
    return new SortedLabels(this, utf8, from, to);
  }

  /** Whether this map carries its JSON (see {@link #withJson}). */
  public boolean carriesJson() {
    return json != null;
  }

  /** Writes this map's remembered JSON as the next value and says so; false if none is known. */
  boolean writeJson(JsonGenerator gen) throws IOException {
    if (json == null) {
      return false;
    }
    RawJson.writeRaw(gen, json, jsonFrom, jsonTo - jsonFrom);
    return true;
  }

  /**
   * {@code labels} as a sorted immutable map; the same instance if it already is one, an empty map
   * for null.
   *
   * @throws NullPointerException if a key or value is null
   */
  public static SortedLabels copyOf(Map<String, String> labels) {
    if (labels instanceof SortedLabels sorted) {
      return sorted;
    }
    if (labels == null || labels.isEmpty()) {
      return EMPTY;
    }
    String[] entries = new String[labels.size() * 2];
    int i = 0;
    boolean sorted = true;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = Objects.requireNonNull(label.getKey(), "label key");
      entries[i] = key;
      entries[i + 1] = Objects.requireNonNull(label.getValue(), "label value");
      sorted &= i == 0 || entries[i - 2].compareTo(key) < 0;
      i += 2;
    }
    // The apiserver writes labels sorted, but other producers (and fabric8 round trips) need not.
    return new SortedLabels(sorted ? entries : sortPairs(entries));
  }

  /** Sorts key, value pairs by key, in place for the few labels objects usually carry. */
  private static String[] sortPairs(String[] entries) {
    int n = entries.length / 2;
    if (n > 32) {
      return sortManyPairs(entries, n);
    }
    for (int i = 2; i < entries.length; i += 2) {
      String key = entries[i];
      String value = entries[i + 1];
      int at = i;
      while (at > 0 && entries[at - 2].compareTo(key) > 0) {
        entries[at] = entries[at - 2];
        entries[at + 1] = entries[at - 1];
        at -= 2;
      }
      entries[at] = key;
      entries[at + 1] = value;
    }
    return entries;
  }

  private static String[] sortManyPairs(String[] entries, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> entries[2 * a].compareTo(entries[2 * b]));
    String[] sorted = new String[entries.length];
    for (int i = 0; i < n; i++) {
      sorted[2 * i] = entries[2 * order[i]];
      sorted[2 * i + 1] = entries[2 * order[i] + 1];
    }
    return sorted;
  }

  /** The {@code i}th key in order, {@code 0 <= i < size()}: a walk without entry objects. */
  public String keyAt(int i) {
    return entries[2 * i];
  }

  /** The value of {@link #keyAt}{@code (i)}. */
  public String valueAt(int i) {
    return entries[2 * i + 1];
  }

  /** Whether no key or value holds an unpaired surrogate; computed once, when built. */
  boolean validText() {
    return validText;
  }

  /** The index of {@code key} among the keys, or {@code -(insertion point) - 1}. */
  private int indexOf(String key) {
    int low = 0;
    int high = entries.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = entries[2 * mid].compareTo(key);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private int insertionPoint(String key) {
    int index = indexOf(Objects.requireNonNull(key, "key"));
    return index >= 0 ? index : -index - 1;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String k && indexOf(k) >= 0;
  }

  @Override
  public String get(Object key) {
    if (!(key instanceof String k)) {
      return null;
    }
    int index = indexOf(k);
    return index >= 0 ? entries[2 * index + 1] : null;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return entries.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= entries.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> entry = Map.entry(entries[next], entries[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }

  @Override
  public java.util.Comparator<? super String> comparator() {
    return null; // natural order: what the encoder's sorting would produce
  }

  @Override
  public String firstKey() {
    if (entries.length == 0) {
      throw new NoSuchElementException();
    }
    return entries[0];
  }

  @Override
  public String lastKey() {
    if (entries.length == 0) {
      throw new NoSuchElementException();
    }
    return entries[entries.length - 2];
  }

  @Override
  public SortedMap<String, String> subMap(String fromKey, String toKey) {
    int from = insertionPoint(fromKey);
    int to = insertionPoint(toKey);
    if (from > to) {
      throw new IllegalArgumentException("fromKey > toKey");
    }
    return slice(from, to);
  }

  @Override
  public SortedMap<String, String> headMap(String toKey) {
    return slice(0, insertionPoint(toKey));
  }

  @Override
  public SortedMap<String, String> tailMap(String fromKey) {
    return slice(insertionPoint(fromKey), size());
  }

  /** Entries {@code from} (inclusive) to {@code to} (exclusive), as a copy: both are immutable. */
  private SortedLabels slice(int from, int to) {
    return from == 0 && to == size()
        ? this
        : from == to ? EMPTY : new SortedLabels(Arrays.copyOfRange(entries, 2 * from, 2 * to));
  }
}
