package app.octokube.agent.projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses paths of the {@link Selection} language and merges them into one tree. Rules kept here: a
 * leaf covers any deeper path under it, whichever comes first; a field must be a list in every path
 * or in none, and is either copied, reduced one way, or selected into, never two of these; children
 * keep the order of the path that first names them. Every error names the path, as the caller wrote
 * it, that could not be added.
 *
 * <p>One instance per compilation; not thread-safe.
 */
final class SelectionCompiler {
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Set<String> RESERVED_ROOTS = Set.of("metadata", "apiVersion", "kind");

  private final Map<String, List<String>> fragments;
  private final Node root = new Node();

  /** Fragments being expanded, innermost last: one seen twice includes itself. */
  private final Set<String> expanding = new HashSet<>();

  /** The path being added, as the caller wrote it. */
  private String path;

  private SelectionCompiler(Map<String, List<String>> fragments) {
    this.fragments = fragments;
  }

  static Selection compile(List<String> paths, Map<String, List<String>> fragments) {
    SelectionCompiler compiler = new SelectionCompiler(fragments);
    for (String path : paths) {
      compiler.path = path;
      compiler.add(compiler.root, path);
    }
    return compiler.root.freeze();
  }

  private void add(Node node, String relativePath) {
    addSegments(node, relativePath.split("\\.", -1), 0);
  }

  private void addSegments(Node node, String[] segments, int at) {
    String segment = segments[at];
    boolean last = at == segments.length - 1;
    if (segment.startsWith("@")) {
      if (!last) {
        throw bad("a fragment must end the path");
      }
      expand(node, segment.substring(1));
      return;
    }
    Reducer reduce = null;
    int brace = segment.indexOf('{');
    if (brace >= 0) {
      if (!last || !segment.endsWith("}")) {
        throw bad("a {reducer} must end the path");
      }
      reduce = reducer(segment.substring(brace + 1, segment.length() - 1));
      segment = segment.substring(0, brace);
    }
    boolean isList = segment.endsWith("[]");
    String name = isList ? segment.substring(0, segment.length() - 2) : segment;
    if (!FIELD.matcher(name).matches()) {
      throw bad("'" + segment + "' is not a field name");
    }
    if (node == root && RESERVED_ROOTS.contains(name)) {
      throw bad("'" + name + "' is written by the projector, not selected");
    }
    Node child = node.children.computeIfAbsent(name, n -> new Node());
    if (child.whole) {
      if (reduce != null) {
        throw bad("a field cannot be both copied and reduced");
      }
    } else if (last && reduce == null) {
      becomeWhole(child);
    } else {
      setList(child, name, isList);
      if (reduce != null) {
        setReducer(child, name, reduce);
      } else if (child.reducer != null) {
        throw bad("'" + name + "' is reduced by another path");
      } else {
        addSegments(child, segments, at + 1);
      }
    }
  }

  private void expand(Node node, String fragment) {
    List<String> paths = fragments.get(fragment);
    if (paths == null) {
      throw bad("unknown fragment @" + fragment);
    }
    if (!expanding.add(fragment)) {
      throw bad("fragment @" + fragment + " includes itself");
    }
    for (String relativePath : paths) {
      add(node, relativePath);
    }
    expanding.remove(fragment);
  }

  private Reducer reducer(String label) {
    try {
      return Reducer.named(label);
    } catch (IllegalArgumentException unknown) {
      throw bad(unknown.getMessage());
    }
  }

  private void becomeWhole(Node node) {
    if (node.reducer != null) {
      throw bad("a field cannot be both copied and reduced");
    }
    node.whole = true;
    node.children.clear();
  }

  private void setList(Node node, String name, boolean isList) {
    if (node.list != null && node.list != isList) {
      throw bad("'" + name + "' is a list in one path and an object in another");
    }
    node.list = isList;
  }

  private void setReducer(Node node, String name, Reducer reduce) {
    if (!node.children.isEmpty() || (node.reducer != null && node.reducer != reduce)) {
      throw bad("'" + name + "' is selected in two incompatible ways");
    }
    node.reducer = reduce;
  }

  private IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("bad projection path '" + path + "': " + why);
  }

  /** A field under construction, where the paths that name it meet. */
  private static final class Node {
    private final LinkedHashMap<String, Node> children = new LinkedHashMap<>();
    private Boolean list;
    private Reducer reducer;
    private boolean whole;

    Selection freeze() {
      List<Selection.Field> fields = new ArrayList<>(children.size());
      for (Map.Entry<String, Node> entry : children.entrySet()) {
        Node node = entry.getValue();
        Selection nested = node.whole || node.reducer != null ? null : node.freeze();
        boolean isList = Boolean.TRUE.equals(node.list);
        fields.add(new Selection.Field(entry.getKey(), isList, node.reducer, nested));
      }
      return Selection.of(fields);
    }
  }
}
