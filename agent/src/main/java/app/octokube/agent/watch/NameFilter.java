package app.octokube.agent.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Include and exclude lists of names with globs ({@code *} any run of characters, {@code ?} one
 * character), for resource types and for namespaces. An exclude always wins; an empty include
 * list includes everything.
 *
 * <p>Immutable and thread-safe.
 */
public final class NameFilter {
  /** Accepts every name. */
  public static final NameFilter ALL = new NameFilter(List.of(), List.of());

  private final List<String> include;
  private final List<String> exclude;
  private final List<Pattern> includePatterns;
  private final List<Pattern> excludePatterns;

  private NameFilter(List<String> include, List<String> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
    this.includePatterns = compile(this.include);
    this.excludePatterns = compile(this.exclude);
  }

  /**
   * @throws IllegalArgumentException if a glob is empty
   */
  public static NameFilter of(List<String> include, List<String> exclude) {
    return include.isEmpty() && exclude.isEmpty() ? ALL : new NameFilter(include, exclude);
  }

  public boolean accepts(String name) {
    Objects.requireNonNull(name, "name");
    if (matchesAny(excludePatterns, name)) {
      return false;
    }
    return includePatterns.isEmpty() || matchesAny(includePatterns, name);
  }

  public boolean acceptsEverything() {
    return include.isEmpty() && exclude.isEmpty();
  }

  public List<String> include() {
    return include;
  }

  public List<String> exclude() {
    return exclude;
  }

  private static boolean matchesAny(List<Pattern> patterns, String name) {
    for (Pattern p : patterns) {
      if (p.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compile(List<String> globs) {
    List<Pattern> patterns = new ArrayList<>(globs.size());
    for (String glob : globs) {
      if (glob == null || glob.isEmpty()) {
        throw new IllegalArgumentException("a name filter entry must not be empty");
      }
      patterns.add(Pattern.compile(toRegex(glob)));
    }
    return List.copyOf(patterns);
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder(glob.length() + 8);
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  @Override
  public String toString() {
    return "include " + include + ", exclude " + exclude;
  }
}
