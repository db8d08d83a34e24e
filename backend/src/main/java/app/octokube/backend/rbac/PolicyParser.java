package app.octokube.backend.rbac;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a policy from YAML text and checks it whole: it returns a {@link Policy} only when every
 * part is valid, and otherwise throws a {@link PolicyException} naming the line and column of the
 * first problem. Nothing of an invalid file is used, so a caller that keeps its previous policy on
 * failure (as the Backend's reload does) never runs on half a policy.
 *
 * <p>The YAML is read with SnakeYAML's node API, which keeps each node's position, and never
 * constructs Java objects from tags. Hostile input is bounded before and while parsing:
 *
 * <ul>
 *   <li>at most {@value #MAX_CHARS} characters (1 MiB; a policy for thousands of users is a few
 *       hundred KiB);
 *   <li>at most {@value #MAX_ALIASES} aliases to lists or mappings and at most {@value #MAX_NODES}
 *       nodes read, counting each use of an alias, which refuses "billion laughs" expansions;
 *   <li>at most {@value #MAX_DEPTH} levels of nesting (the format needs 6).
 * </ul>
 */
public final class PolicyParser {
  /** The largest policy accepted, in characters (and in bytes for {@link #parse(byte[])}). */
  public static final int MAX_CHARS = 1 << 20;

  static final int MAX_NODES = 200_000;
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 20;

  private static final List<String> SECTIONS = List.of("users", "teams", "roles", "bindings");

  private PolicyParser() {}

  /** Parses UTF-8 bytes, as read from the policy file; a leading byte order mark is ignored. */
  public static Policy parse(byte[] utf8) throws PolicyException {
    if (utf8.length > MAX_CHARS) {
      throw tooLarge(utf8.length + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException("the policy is not valid UTF-8", 0, 0);
    }
    return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  /** Parses YAML text. */
  public static Policy parse(String yaml) throws PolicyException {
    if (yaml.length() > MAX_CHARS) {
      throw tooLarge(yaml.length() + " characters");
    }
    Node root = compose(yaml);
    if (root == null) {
      throw new PolicyException("the policy is empty; write {} for a policy that grants nothing", 1, 1);
    }
    Nodes nodes = new Nodes(MAX_NODES);
    Nodes.Fields sections = nodes.mapping(root, "the policy", SECTIONS);
    PrincipalParser principals = new PrincipalParser(nodes);
    List<User> users = principals.users(nodes.section(sections.get("users"), "users"));
    List<Team> teams = principals.teams(nodes.section(sections.get("teams"), "teams"));
    List<Role> roles = new RoleParser(nodes).roles(nodes.section(sections.get("roles"), "roles"));
    List<Binding> bindings = new BindingParser(nodes, users, teams, roles)
        .bindings(nodes.section(sections.get("bindings"), "bindings"));
    return new Policy(users, teams, roles, bindings);
  }

  private static Node compose(String yaml) throws PolicyException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = "YAML syntax: " + describe(e);
      throw mark == null
          ? new PolicyException(problem, 0, 0)
          : new PolicyException(problem, mark.getLine() + 1, mark.getColumn() + 1);
    } catch (YAMLException e) {
      // Limits without a position: too many aliases (a YAML bomb), nesting too deep, too long.
      throw new PolicyException("the policy is refused: " + e.getMessage(), 0, 0);
    }
  }

  /** SnakeYAML's problem with its context ("while parsing a flow sequence"), without the snippet. */
  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    return e.getContext() == null ? problem : problem + " (" + e.getContext() + ")";
  }

  private static PolicyException tooLarge(String size) {
    return new PolicyException(
        "the policy is too large: " + size + ", at most " + MAX_CHARS + " (1 MiB) are accepted", 0, 0);
  }
}
