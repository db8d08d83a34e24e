package app.octokube.backend.rbac;

import app.octokube.backend.rbac.Nodes.Located;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code roles} section and compiles each rule.
 *
 * <p>What a rule may leave out differs by effect, so that granting is always explicit and denying
 * can be broad: an allow needs {@code resources} and {@code verbs}; a deny may omit any field, and
 * an omitted field then matches everything (a bare {@code deny: [{}]} hides every object). In both,
 * an omitted {@code clusters}, {@code namespaces} or {@code names} means every one, and an empty
 * list is refused, since it would silently match nothing.
 *
 * <p>Globs are checked against what the ids they match may contain, so a pattern that can never
 * match (an uppercase cluster id, a space in a namespace) is an error, not a silent no-op; a
 * literal resource is also checked by {@link ResourceNames}, which catches {@code pod} and
 * {@code deployments} (for {@code deployments.apps}).
 */
final class RoleParser {
  private static final List<String> ROLE_FIELDS = List.of("name", "allow", "deny");
  private static final List<String> RULE_FIELDS =
      List.of("clusters", "namespaces", "resources", "names", "labelSelector", "verbs");

  /** Cluster ids and namespaces are DNS-1123 labels: lowercase letters, digits and '-'. */
  private static final Pattern LABEL_GLOB = Pattern.compile("[a-z0-9*-]+");
  private static final String LABEL_CHARACTERS = "lowercase letters, digits, '-'";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** Resources in kubectl form: the plural, then dotted group parts. */
  private static final Pattern RESOURCE_GLOB = Pattern.compile("[a-z0-9.*-]+");

  /**
   * Object names: DNS subdomains for most kinds, plus ':' and '@' that RBAC objects use
   * ({@code system:controller:…}); never a space, ',' or '/'.
   */
  private static final Pattern NAME_GLOB = Pattern.compile("[A-Za-z0-9._:@*-]+");

  private final Nodes nodes;

  RoleParser(Nodes nodes) {
    this.nodes = nodes;
  }

  List<Role> roles(List<Node> items) throws PolicyException {
    List<Role> roles = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (Node item : items) {
      Nodes.Fields fields = nodes.mapping(item, "a role", ROLE_FIELDS);
      String name = PrincipalParser.name(nodes, fields, "role", names);
      List<Rule> allow = rules(fields.get("allow"), Rule.Effect.ALLOW);
      List<Rule> deny = rules(fields.get("deny"), Rule.Effect.DENY);
      if (allow.isEmpty() && deny.isEmpty()) {
        throw nodes.error(fields.node(), "role \"" + name + "\" has no rules: give it allow or deny rules");
      }
      roles.add(new Role(name, allow, deny));
    }
    return roles;
  }

  private List<Rule> rules(Node node, Rule.Effect effect) throws PolicyException {
    List<Rule> rules = new ArrayList<>();
    if (node == null) {
      return rules;
    }
    String what = effect == Rule.Effect.ALLOW ? "allow" : "deny";
    for (Node item : nodes.sequence(node, what)) {
      rules.add(rule(nodes.mapping(item, "an " + what + " rule", RULE_FIELDS), effect));
    }
    return rules;
  }

  private Rule rule(Nodes.Fields fields, Rule.Effect effect) throws PolicyException {
    boolean allow = effect == Rule.Effect.ALLOW;
    List<String> clusters = patterns(fields.get("clusters"), "clusters", LABEL_GLOB, LABEL_CHARACTERS);
    List<String> namespaces = patterns(fields.get("namespaces"), "namespaces", LABEL_GLOB, LABEL_CHARACTERS);
    List<String> resources = patterns(
        allow ? fields.require("resources") : fields.get("resources"), "resources", RESOURCE_GLOB,
        "lowercase letters, digits, '-', '.'");
    List<String> names =
        patterns(fields.get("names"), "names", NAME_GLOB, "letters, digits, '-', '.', '_', ':', '@'");
    LabelSelector selector = selector(fields.get("labelSelector"));
    Node verbsNode = allow ? fields.require("verbs") : fields.get("verbs");
    Set<Verb> verbs = verbsNode == null ? EnumSet.allOf(Verb.class) : verbs(verbsNode);
    return new Rule(
        effect,
        globSet(clusters),
        globSet(namespaces),
        globSet(resources),
        resources != null && resources.contains(Rule.SECRETS),
        globSet(names),
        selector,
        verbs);
  }

  /** The validated patterns of a field, or null when the field is absent. */
  private List<String> patterns(Node node, String field, Pattern allowed, String characters)
      throws PolicyException {
    if (node == null) {
      return null;
    }
    List<String> patterns = new ArrayList<>();
    for (Located glob : nodes.strings(node, field, false)) {
      if (!allowed.matcher(glob.value()).matches()) {
        throw nodes.error(glob.node(), "bad glob \"" + glob.value() + "\" in " + field + ": use "
            + characters + " and '*' (any run of characters)");
      }
      Optional<String> problem =
          glob.value().indexOf('*') < 0 ? literalProblem(field, glob.value()) : Optional.empty();
      if (problem.isPresent()) {
        throw nodes.error(glob.node(), problem.get());
      }
      patterns.add(glob.value());
    }
    return patterns;
  }

  /** What is wrong with a pattern without a star, which must be a possible id as written. */
  private static Optional<String> literalProblem(String field, String literal) {
    switch (field) {
      case "clusters":
      case "namespaces":
        return DNS_LABEL.matcher(literal).matches()
            ? Optional.empty()
            : Optional.of("\"" + literal + "\" in " + field + " is not a DNS-1123 label: at most 63 lowercase"
                + " letters, digits and '-', starting and ending with a letter or digit");
      case "resources":
        return ResourceNames.problem(literal);
      default:
        return Optional.empty();
    }
  }

  /** An absent field matches everything. */
  private static GlobSet globSet(List<String> patterns) {
    return patterns == null ? GlobSet.ALL : GlobSet.of(patterns);
  }

  private LabelSelector selector(Node node) throws PolicyException {
    if (node == null) {
      return null;
    }
    String text = nodes.scalar(node, "labelSelector");
    try {
      return LabelSelector.parse(text);
    } catch (LabelSelectorException e) {
      throw nodes.error(node, "bad labelSelector \"" + text + "\": " + e.getMessage());
    }
  }

  private Set<Verb> verbs(Node node) throws PolicyException {
    Set<Verb> verbs = EnumSet.noneOf(Verb.class);
    for (Located word : nodes.strings(node, "verbs", false)) {
      Verb verb = Verb.byWord(word.value()).orElse(null);
      if (verb == null) {
        throw nodes.error(word.node(), "unknown verb \"" + word.value() + "\" (known: " + Verb.known() + ")");
      }
      verbs.add(verb);
    }
    return verbs;
  }
}
