package app.octokube.backend.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The patterns of one field of a rule (clusters, namespaces, resources or names); it matches an id
 * when any of its patterns does. Literal patterns sit in a hash set and the others in an array, so
 * a match costs one hash lookup plus one scan of the wildcards, and allocates nothing.
 *
 * <p>A set holding a pattern that matches everything ({@code *}) is {@linkplain #isAll() the
 * whole set}; its canonical form is then {@code *} alone, whatever else was listed, because the
 * other patterns cannot change what it matches.
 */
final class GlobSet {
  /** Every id: what an omitted field means. */
  static final GlobSet ALL = new GlobSet(true, Set.of(), new Glob[0], "*");

  private final boolean all;
  private final Set<String> literals;
  private final Glob[] wildcards;
  private final String canonical;

  private GlobSet(boolean all, Set<String> literals, Glob[] wildcards, String canonical) {
    this.all = all;
    this.literals = literals;
    this.wildcards = wildcards;
    this.canonical = canonical;
  }

  static GlobSet of(Collection<String> patterns) {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("a glob set is never empty");
    }
    Set<String> sorted = new TreeSet<>(patterns);
    Set<String> literals = new TreeSet<>();
    List<Glob> wildcards = new ArrayList<>();
    for (String pattern : sorted) {
      Glob glob = Glob.of(pattern);
      if (glob.matchesEverything()) {
        return ALL;
      }
      if (glob.isLiteral()) {
        literals.add(pattern);
      } else {
        wildcards.add(glob);
      }
    }
    return new GlobSet(
        false, Set.copyOf(literals), wildcards.toArray(Glob[]::new), "[" + String.join(",", sorted) + "]");
  }

  boolean isAll() {
    return all;
  }

  boolean matches(String id) {
    if (all || literals.contains(id)) {
      return true;
    }
    for (Glob glob : wildcards) {
      if (glob.matches(id)) {
        return true;
      }
    }
    return false;
  }

  /** The sorted patterns, {@code [a,b*]}, or {@code *} for every id; equal sets, equal forms. */
  String canonical() {
    return canonical;
  }

  @Override
  public String toString() {
    return canonical;
  }
}
