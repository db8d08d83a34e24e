package app.octokube.backend.rbac;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its text form, as {@code kubectl -l} takes it: requirements
 * joined by commas, all of which must hold.
 *
 * <ul>
 *   <li>{@code key=value} and {@code key==value}: the label is present with that value;
 *   <li>{@code key!=value}: the label is absent, or present with another value;
 *   <li>{@code key in (a,b)}: the label is present with one of the values;
 *   <li>{@code key notin (a,b)}: the label is absent, or present with none of the values;
 *   <li>{@code key}: the label is present; {@code !key}: the label is absent.
 * </ul>
 *
 * <p>These are Kubernetes' rules, including that {@code !=} and {@code notin} hold for objects
 * without the label. Keys and values are checked as Kubernetes checks them (a key is an optional
 * DNS-subdomain prefix and a {@code /}, then a name of at most 63 characters; a value is empty or
 * such a name), so a selector that could never match a real label is refused instead of silently
 * matching nothing. The set-based operators {@code gt} and {@code lt} are not part of the text
 * form kubectl accepts, and not of this one.
 *
 * <p>Matching allocates nothing. {@link #toString()} is a canonical form: the requirements sorted
 * and deduplicated, {@code ==} written {@code =}, and set values sorted, so two selectors that
 * differ only in such spelling have equal forms.
 */
public final class LabelSelector {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int MAX_PREFIX_LENGTH = 253;

  /** The kinds of requirement. */
  enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  /** One requirement; {@code values} is empty for EXISTS and NOT_EXISTS, one value for (NOT_)EQUALS. */
  record Requirement(String key, Operator operator, Set<String> values) {
    Requirement {
      values = Set.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      switch (operator) {
        case EQUALS:
        case IN:
          return value != null && values.contains(value);
        case NOT_EQUALS:
        case NOT_IN:
          return value == null || !values.contains(value);
        case EXISTS:
          return value != null || labels.containsKey(key);
        default:
          return value == null && !labels.containsKey(key);
      }
    }

    String canonical() {
      String sorted = String.join(",", new TreeSet<>(values));
      switch (operator) {
        case EQUALS:
          return key + "=" + sorted;
        case NOT_EQUALS:
          return key + "!=" + sorted;
        case IN:
          return key + " in (" + sorted + ")";
        case NOT_IN:
          return key + " notin (" + sorted + ")";
        case EXISTS:
          return key;
        default:
          return "!" + key;
      }
    }
  }

  private final Requirement[] requirements;
  private final String canonical;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements.toArray(Requirement[]::new);
    Set<String> forms = new TreeSet<>();
    for (Requirement requirement : requirements) {
      forms.add(requirement.canonical());
    }
    this.canonical = String.join(",", forms);
  }

  /**
   * Parses a selector.
   *
   * @throws LabelSelectorException naming what is wrong and where, when {@code text} is not a
   *     selector; an empty or blank text is refused, since a rule that should match every object
   *     simply omits its selector
   */
  public static LabelSelector parse(String text) {
    Objects.requireNonNull(text, "selector");
    return new LabelSelector(new SelectorParser(text).requirements());
  }

  /** Whether an object with these labels satisfies every requirement; null means no labels. */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> present = labels == null ? Map.of() : labels;
    for (Requirement requirement : requirements) {
      if (!requirement.matches(present)) {
        return false;
      }
    }
    return true;
  }

  static void checkKey(String key, int position) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH || !PREFIX.matcher(prefix).matches()) {
        throw new LabelSelectorException(
            "invalid label key \"" + key + "\": the prefix before / must be a DNS subdomain", position);
      }
    }
    if (!NAME.matcher(name).matches()) {
      throw new LabelSelectorException(
          "invalid label key \"" + key + "\": a name is at most 63 letters, digits, '-', '_' or '.',"
              + " starting and ending with a letter or digit",
          position);
    }
  }

  static void checkValue(String value, int position) {
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      throw new LabelSelectorException(
          "invalid label value \"" + value + "\": at most 63 letters, digits, '-', '_' or '.',"
              + " starting and ending with a letter or digit",
          position);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelSelector && ((LabelSelector) other).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** The canonical form; it parses back to an equal selector. */
  @Override
  public String toString() {
    return canonical;
  }
}
