package app.octokube.backend.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain, obviously-correct restatement of the Virtual RBAC rules for property tests: policies as
 * simple records, rendered to YAML for the real parser, and evaluated here by brute force with
 * regular expressions and hand-written selector predicates instead of the production matchers.
 */
final class ReferenceModel {
  static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
  static final Map<String, Set<String>> TEAMS = Map.of("t0", Set.of("u0", "u1"), "t1", Set.of("u2"));
  static final List<String> SUBJECTS = List.of("user:u0", "user:u1", "user:u2", "user:u3", "team:t0", "team:t1");
  static final List<String> CLUSTERS = List.of("prod-a", "prod-b", "staging");
  static final List<String> NAMESPACES = List.of("payments", "payments-eu", "web", "kube-system");
  static final List<String> RESOURCES = List.of("pods", "secrets", "deployments.apps", "nodes", "namespaces", "configmaps");
  static final List<String> CLUSTER_SCOPED = List.of("nodes", "namespaces");
  static final List<String> NAMES = List.of("api", "api-2", "db", "payments", "web", "kube-system");

  static final List<String> CLUSTER_GLOBS = List.of("*", "prod-*", "prod-a", "staging", "*-b");
  static final List<String> NAMESPACE_GLOBS = List.of("*", "payments", "payments-*", "pay*", "web", "*-eu");
  static final List<String> RESOURCE_GLOBS =
      List.of("*", "pods", "secrets", "*.apps", "s*", "nodes", "namespaces", "configmaps", "p*");
  static final List<String> NAME_GLOBS = List.of("*", "api*", "db", "*b", "payments");

  /** The selectors the generator may use, each with an independent predicate. */
  static final Map<String, Predicate<Map<String, String>>> SELECTORS = Map.of(
      "tier=web", l -> "web".equals(l.get("tier")),
      "tier in (web,api)", l -> "web".equals(l.get("tier")) || "api".equals(l.get("tier")),
      "tier notin (db)", l -> !"db".equals(l.get("tier")),
      "!env", l -> !l.containsKey("env"),
      "env", l -> l.containsKey("env"),
      "tier!=api,env=prod", l -> !"api".equals(l.get("tier")) && "prod".equals(l.get("env")),
      "tier==db", l -> "db".equals(l.get("tier")));

  /** A rule; a null list is an omitted field, a null selector no selector. */
  record RuleSpec(List<String> clusters, List<String> namespaces, List<String> resources, List<String> names,
      String selector) {}

  record RoleSpec(List<RuleSpec> allow, List<RuleSpec> deny) {}

  record BindingSpec(int role, String subject) {}

  record PolicySpec(List<RoleSpec> roles, List<BindingSpec> bindings) {
    String yaml() {
      StringBuilder yaml = new StringBuilder("users:\n");
      USERS.forEach(user -> yaml.append("  - name: ").append(user).append('\n'));
      yaml.append("teams:\n");
      TEAMS.forEach((team, members) -> yaml.append("  - {name: ").append(team)
          .append(", members: ").append(list(List.copyOf(members))).append("}\n"));
      yaml.append("roles:\n");
      for (int i = 0; i < roles.size(); i++) {
        yaml.append("  - name: r").append(i).append('\n');
        appendRules(yaml, "allow", roles.get(i).allow(), true);
        appendRules(yaml, "deny", roles.get(i).deny(), false);
      }
      yaml.append("bindings:\n");
      for (BindingSpec binding : bindings) {
        yaml.append("  - {role: r").append(binding.role())
            .append(", subjects: [\"").append(binding.subject()).append("\"]}\n");
      }
      return yaml.toString();
    }

    /** The rules of every binding naming the user, kept when their clusters match. */
    List<RuleSpec> rules(String user, String cluster, boolean deny) {
      List<RuleSpec> rules = new ArrayList<>();
      for (BindingSpec binding : bindings) {
        if (!names(binding.subject(), user)) {
          continue;
        }
        RoleSpec role = roles.get(binding.role());
        for (RuleSpec rule : deny ? role.deny() : role.allow()) {
          if (anyGlob(rule.clusters(), cluster)) {
            rules.add(rule);
          }
        }
      }
      return rules;
    }
  }

  record Obj(String resource, String namespace, String name, Map<String, String> labels) {}

  private ReferenceModel() {}

  /** The reference decision: deny wins, then any allow, then the Namespace rule. */
  static boolean mayView(PolicySpec policy, String user, String cluster, Obj obj) {
    List<RuleSpec> denies = policy.rules(user, cluster, true);
    List<RuleSpec> allows = policy.rules(user, cluster, false);
    if (denies.stream().anyMatch(deny -> matches(deny, true, obj))) {
      return false;
    }
    if (allows.stream().anyMatch(allow -> matches(allow, false, obj))) {
      return true;
    }
    if (!obj.resource().equals("namespaces") || obj.namespace() != null) {
      return false;
    }
    boolean hiddenInside = denies.stream().anyMatch(deny -> everything(deny.resources())
        && everything(deny.names()) && deny.selector() == null && anyGlob(deny.namespaces(), obj.name()));
    return !hiddenInside && allows.stream().anyMatch(allow -> anyGlob(allow.namespaces(), obj.name()));
  }

  static boolean matches(RuleSpec rule, boolean deny, Obj obj) {
    boolean resource = !deny && obj.resource().equals("secrets")
        ? rule.resources().contains("secrets")
        : anyGlob(rule.resources(), obj.resource());
    boolean namespace = everything(rule.namespaces())
        || (obj.namespace() != null && anyGlob(rule.namespaces(), obj.namespace()));
    boolean selector = rule.selector() == null || SELECTORS.get(rule.selector()).test(obj.labels());
    return resource && namespace && anyGlob(rule.names(), obj.name()) && selector;
  }

  static boolean names(String subject, String user) {
    return subject.equals("user:" + user)
        || (subject.startsWith("team:") && TEAMS.get(subject.substring(5)).contains(user));
  }

  /** An omitted list, or one holding {@code *}, matches everything. */
  static boolean everything(List<String> globs) {
    return globs == null || globs.contains("*");
  }

  static boolean anyGlob(List<String> globs, String id) {
    return globs == null || globs.stream().anyMatch(glob -> regex(glob).matcher(id).matches());
  }

  private static Pattern regex(String glob) {
    String[] literals = glob.split("\\*", -1);
    return Pattern.compile(List.of(literals).stream().map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  private static void appendRules(StringBuilder yaml, String kind, List<RuleSpec> rules, boolean allow) {
    if (rules.isEmpty()) {
      return;
    }
    yaml.append("    ").append(kind).append(":\n");
    for (RuleSpec rule : rules) {
      List<String> fields = new ArrayList<>();
      field(fields, "clusters", rule.clusters());
      field(fields, "namespaces", rule.namespaces());
      field(fields, "resources", rule.resources());
      field(fields, "names", rule.names());
      if (rule.selector() != null) {
        fields.add("labelSelector: \"" + rule.selector() + "\"");
      }
      if (allow) {
        fields.add("verbs: [view]");
      }
      yaml.append("      - {").append(String.join(", ", fields)).append("}\n");
    }
  }

  private static void field(List<String> fields, String name, List<String> values) {
    if (values != null) {
      fields.add(name + ": " + list(values));
    }
  }

  private static String list(List<String> values) {
    return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
  }
}
