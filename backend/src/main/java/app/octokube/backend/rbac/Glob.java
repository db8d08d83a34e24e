package app.octokube.backend.rbac;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern over one identifier: {@code *} matches any run of characters, possibly empty, and
 * every other character matches only itself. There are no other metacharacters, so a glob reads
 * like the ids it names: {@code prod-*}, {@code payments}, {@code *-canary}.
 *
 * <p>The pattern is split once into the literal parts between its stars, so matching allocates
 * nothing: the first part must start the text, the last must end it, and the parts in between are
 * found left to right in the rest. Taking the leftmost occurrence of each middle part is enough,
 * because a star can absorb whatever an earlier or later choice would have left over.
 */
final class Glob {
  private final String pattern;
  private final String[] parts;
  private final int minLength;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.parts = split(pattern);
    int length = 0;
    for (String part : parts) {
      length += part.length();
    }
    this.minLength = length;
  }

  static Glob of(String pattern) {
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("a glob is never empty");
    }
    return new Glob(pattern);
  }

  /** True when the pattern has no star and so names exactly one id. */
  boolean isLiteral() {
    return parts.length == 1;
  }

  /** True for the pattern {@code *} (or {@code **}…), which matches every id. */
  boolean matchesEverything() {
    return minLength == 0;
  }

  boolean matches(String text) {
    if (parts.length == 1) {
      return pattern.equals(text);
    }
    if (text.length() < minLength) {
      return false;
    }
    String first = parts[0];
    String last = parts[parts.length - 1];
    if (!text.startsWith(first) || !text.endsWith(last)) {
      return false;
    }
    int position = first.length();
    int end = text.length() - last.length();
    for (int i = 1; i < parts.length - 1; i++) {
      String part = parts[i];
      int found = text.indexOf(part, position);
      if (found < 0 || found + part.length() > end) {
        return false;
      }
      position = found + part.length();
    }
    return true;
  }

  private static String[] split(String pattern) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', start)) {
      parts.add(pattern.substring(start, star));
      start = star + 1;
    }
    parts.add(pattern.substring(start));
    return parts.toArray(String[]::new);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
