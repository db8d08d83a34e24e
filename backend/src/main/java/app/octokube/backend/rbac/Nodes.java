package app.octokube.backend.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of the YAML node tree for the policy parsers. Each read checks the node's kind and
 * fails with a {@link PolicyException} at the node's own line and column.
 *
 * <p>The rules it keeps for every part of the policy:
 *
 * <ul>
 *   <li>a mapping has only known keys, each once; an unknown key is refused with a suggestion;
 *   <li>a scalar is taken as the text written, whatever type YAML 1.1 would guess, so
 *       {@code to: 18:00} is the string "18:00" and not the sexagesimal number 1080; an empty
 *       value ({@code key:}, {@code ~}, {@code null}) is refused rather than read as a string;
 *   <li>only YAML's standard tags are allowed: a custom tag ({@code !foo}) means nothing here;
 *   <li>lists of strings hold no duplicates, which are always a copy-paste slip;
 *   <li>every node read counts against a budget, so an alias-heavy document cannot make the
 *       parser walk far more nodes than the text holds.
 * </ul>
 */
final class Nodes {
  private static final String STANDARD_TAG_PREFIX = Tag.PREFIX;

  private final int budget;
  private int visited;

  Nodes(int budget) {
    this.budget = budget;
  }

  PolicyException error(Node node, String problem) {
    Mark mark = node.getStartMark();
    return new PolicyException(problem, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** A scalar written as nothing, {@code ~} or {@code null}. */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  Fields mapping(Node node, String what, Collection<String> known) throws PolicyException {
    visit(node);
    if (!(node instanceof MappingNode)) {
      throw error(node, what + " must be a mapping of fields, not " + kindOf(node));
    }
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Node> keys = new HashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      String key = scalar(tuple.getKeyNode(), "a field name in " + what);
      Node first = keys.putIfAbsent(key, tuple.getKeyNode());
      if (first != null) {
        throw error(tuple.getKeyNode(), "duplicate field \"" + key + "\" in " + what
            + " (first on line " + (first.getStartMark().getLine() + 1) + ")");
      }
      if (!known.contains(key)) {
        String hint = DidYouMean.hint(key, known);
        throw error(tuple.getKeyNode(), "unknown field \"" + key + "\" in " + what
            + (hint.isEmpty() ? " (known: " + String.join(", ", known) + ")" : hint));
      }
      values.put(key, tuple.getValueNode());
    }
    return new Fields(this, node, what, values);
  }

  List<Node> sequence(Node node, String what) throws PolicyException {
    visit(node);
    if (!(node instanceof SequenceNode)) {
      throw error(node, what + " must be a list, not " + kindOf(node));
    }
    return ((SequenceNode) node).getValue();
  }

  /** A top-level section: absent or empty ({@code users:}) is an empty list. */
  List<Node> section(Node node, String what) throws PolicyException {
    return node == null || isNull(node) ? List.of() : sequence(node, what);
  }

  String scalar(Node node, String what) throws PolicyException {
    visit(node);
    if (!(node instanceof ScalarNode)) {
      throw error(node, what + " must be a string, not " + kindOf(node));
    }
    if (isNull(node)) {
      throw error(node, what + " has no value");
    }
    return ((ScalarNode) node).getValue();
  }

  /**
   * A list of strings without duplicates, each with its node for later errors.
   *
   * @param mayBeEmpty false where an empty list would silently match nothing
   */
  List<Located> strings(Node node, String what, boolean mayBeEmpty) throws PolicyException {
    List<Node> items = sequence(node, what);
    if (items.isEmpty() && !mayBeEmpty) {
      throw error(node, what + " is empty: list at least one, or leave the field out");
    }
    List<Located> strings = new ArrayList<>(items.size());
    Map<String, Node> seen = new HashMap<>();
    for (Node item : items) {
      String value = scalar(item, "each item of " + what);
      if (seen.putIfAbsent(value, item) != null) {
        throw error(item, what + " lists \"" + value + "\" twice");
      }
      strings.add(new Located(value, item));
    }
    return strings;
  }

  private void visit(Node node) throws PolicyException {
    if (++visited > budget) {
      throw error(node, "the policy has more than " + budget + " YAML nodes (counting each alias use)");
    }
    String tag = node.getTag().getValue();
    if (!tag.startsWith(STANDARD_TAG_PREFIX)) {
      throw error(node, "tag \"" + tag + "\" is not allowed: the policy uses plain YAML only");
    }
  }

  private static String kindOf(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return isNull(node) ? "nothing" : "a string";
  }

  /** A string and the node it came from, so later checks can still name its line. */
  record Located(String value, Node node) {}

  /** The fields of one mapping, by key, with a way to demand the required ones. */
  static final class Fields {
    private final Nodes nodes;
    private final Node node;
    private final String what;
    private final Map<String, Node> values;

    private Fields(Nodes nodes, Node node, String what, Map<String, Node> values) {
      this.nodes = nodes;
      this.node = node;
      this.what = what;
      this.values = values;
    }

    /** The value node, or null when the field is absent. */
    Node get(String key) {
      return values.get(key);
    }

    Node require(String key) throws PolicyException {
      Node value = values.get(key);
      if (value == null) {
        throw nodes.error(node, what + " needs \"" + key + "\"");
      }
      return value;
    }

    Node node() {
      return node;
    }
  }
}
