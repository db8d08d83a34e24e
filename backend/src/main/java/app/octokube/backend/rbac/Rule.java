package app.octokube.backend.rbac;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One allow or deny rule of a role, compiled for matching. A rule matches an object when every
 * field does:
 *
 * <ul>
 *   <li>{@code clusters}: the cluster id matches a glob (omitted: every cluster);
 *   <li>{@code namespaces}: omitted or {@code *} matches every namespace <em>and</em>
 *       cluster-scoped objects; otherwise the object's namespace matches a glob, so a namespaced
 *       rule never matches a cluster-scoped object;
 *   <li>{@code resources}: the resource matches a glob, except that an allow reaches the core
 *       {@code secrets} resource only when it lists {@code secrets} literally; a deny's globs
 *       cover secrets like anything else, so {@code deny: [{resources: ["*"]}]} hides them too;
 *   <li>{@code names}: the object's name matches a glob (omitted: every name);
 *   <li>{@code labelSelector}: the object's labels satisfy it (omitted: every object);
 *   <li>{@code verbs}: the rule concerns the verb (omitted in a deny: every verb).
 * </ul>
 *
 * <p>The canonical form leaves out the clusters, because a rule is only ever compared with others
 * that already apply to one same cluster (see {@link Access}).
 */
final class Rule {
  static final String SECRETS = "secrets";

  /** Whether the rule grants or takes away. */
  enum Effect {
    ALLOW,
    DENY
  }

  private final Effect effect;
  private final GlobSet clusters;
  private final GlobSet namespaces;
  private final GlobSet resources;
  private final boolean secretsListed;
  private final GlobSet names;
  private final LabelSelector selector;
  private final Set<Verb> verbs;
  private final String canonical;

  /**
   * @param secretsListed whether {@code secrets} appears literally among the resources; only an
   *     allow needs it, since an allow's stars skip secrets
   * @param selector null when the rule has no label selector
   */
  Rule(
      Effect effect,
      GlobSet clusters,
      GlobSet namespaces,
      GlobSet resources,
      boolean secretsListed,
      GlobSet names,
      LabelSelector selector,
      Set<Verb> verbs) {
    this.effect = Objects.requireNonNull(effect);
    this.clusters = Objects.requireNonNull(clusters);
    this.namespaces = Objects.requireNonNull(namespaces);
    this.resources = Objects.requireNonNull(resources);
    this.secretsListed = secretsListed;
    this.names = Objects.requireNonNull(names);
    this.selector = selector;
    this.verbs = Set.copyOf(verbs);
    this.canonical = canonicalForm();
  }

  boolean appliesToCluster(String cluster) {
    return clusters.matches(cluster);
  }

  boolean concerns(Verb verb) {
    return verbs.contains(verb);
  }

  boolean matchesResource(String resource) {
    if (effect == Effect.ALLOW && SECRETS.equals(resource)) {
      return secretsListed;
    }
    return resources.matches(resource);
  }

  /** Whether the object (namespace null when cluster-scoped) matches all but the resource. */
  boolean matchesObject(String namespace, String name, Map<String, String> labels) {
    return matchesNamespace(namespace)
        && names.matches(name)
        && (selector == null || selector.matches(labels));
  }

  boolean matchesNamespace(String namespace) {
    return namespaces.isAll() || (namespace != null && namespaces.matches(namespace));
  }

  /** True when the rule matches every object of its resources, wherever and however labelled. */
  boolean isUnconditional() {
    return namespaces.isAll() && names.isAll() && selector == null;
  }

  /** True when the rule matches every object of every resource in the namespaces it names. */
  boolean coversWholeNamespaces() {
    return resources.isAll() && names.isAll() && selector == null;
  }

  /** The rule without its clusters, in a form that is equal exactly for rules written alike. */
  String canonical() {
    return canonical;
  }

  private String canonicalForm() {
    Set<String> verbWords = new TreeSet<>();
    for (Verb verb : verbs) {
      verbWords.add(verb.word());
    }
    return (effect == Effect.ALLOW ? "allow" : "deny")
        + "{namespaces=" + namespaces.canonical()
        + " resources=" + resources.canonical()
        + (effect == Effect.ALLOW && secretsListed && resources.isAll() ? "+secrets" : "")
        + " names=" + names.canonical()
        + " selector=" + (selector == null ? "*" : "(" + selector + ")")
        + " verbs=" + verbWords
        + "}";
  }

  @Override
  public String toString() {
    return "clusters=" + clusters.canonical() + " " + canonical;
  }
}
