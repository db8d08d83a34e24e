package app.octokube.agent.projection;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.List;
import java.util.Map;

/**
 * Which fields of an object a projection keeps: a tree compiled once from a list of paths (by
 * {@link SelectionCompiler}) that {@link SelectionWriter} walks for every object. The path
 * language:
 *
 * <pre>
 *   spec.nodeName                  a leaf: copy the value, whole subtree included
 *   spec.containers[].name         [] marks a list: the rest of the path applies to each element
 *   data{keys}                     {reducer}: write the value reduced (see {@link Reducer})
 *   spec.volumes[]{volume}         a reducer applied to each element of a list
 *   status.conditions[].@condition @fragment: the fragment's paths, relative to this point
 * </pre>
 *
 * <p>Rules: a segment is a field name ({@code [A-Za-z0-9_-]+}); {@code {reducer}} and
 * {@code @fragment} may only end a path; paths may not start at {@code metadata}, {@code
 * apiVersion} or {@code kind}, which the projector writes itself. Paths that meet merge: a leaf
 * covers any deeper path under it, and a field that is a list in one path and an object in another,
 * reduced in two ways, or both copied and reduced, is an error. Fields are written in the order
 * their first path lists them, so the output's order is the table's, not the input's.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
final class Selection {
  /**
   * One selected field. Exactly one of: {@link #reducer} set (write reduced), {@link #children} set
   * (write only those fields), neither (copy the whole value). The name is encoded once, and the
   * floor's rule for it looked up once, here rather than per object.
   */
  static final class Field {
    private final String name;
    private final SerializedString encodedName;
    private final RedactionFloor.Rule rule;
    private final boolean list;
    private final Reducer reducer;
    private final Selection children;

    Field(String name, boolean list, Reducer reducer, Selection children) {
      // Interned: the JSON parser interns field names, so map lookups by this name find the
      // parsed key by identity instead of comparing characters.
      this.name = name.intern();
      this.encodedName = new SerializedString(name);
      this.rule = RedactionFloor.ruleFor(name);
      this.list = list;
      this.reducer = reducer;
      this.children = children;
    }

    String name() {
      return name;
    }

    SerializedString encodedName() {
      return encodedName;
    }

    RedactionFloor.Rule rule() {
      return rule;
    }

    boolean list() {
      return list;
    }

    Reducer reducer() {
      return reducer;
    }

    Selection children() {
      return children;
    }

    boolean whole() {
      return reducer == null && children == null;
    }
  }

  private final List<Field> fields;

  /** The same fields as an array: the writer's loop runs per object and allocates no iterator. */
  private final Field[] fieldArray;

  private Selection(List<Field> fields) {
    this.fields = List.copyOf(fields);
    this.fieldArray = fields.toArray(new Field[0]);
  }

  /** The selected fields, in output order. */
  List<Field> fields() {
    return fields;
  }

  /** The selected fields, in output order; never modify the array. */
  Field[] fieldArray() {
    return fieldArray;
  }

  /**
   * Compiles {@code paths}, expanding {@code @name} from {@code fragments}.
   *
   * @throws IllegalArgumentException naming the first path that is malformed or conflicts
   */
  static Selection compile(List<String> paths, Map<String, List<String>> fragments) {
    return SelectionCompiler.compile(paths, fragments);
  }

  /** A compiled selection of {@code fields}, in output order. */
  static Selection of(List<Field> fields) {
    return new Selection(fields);
  }
}
