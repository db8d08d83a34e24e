package app.octokube.backend.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The effective access of one user to one cluster at one instant: the allow and deny rules of the
 * user's active bindings (direct and through teams) whose clusters match. Valid until
 * {@link Policy#nextChange} or the next policy reload, whichever comes first.
 *
 * <p>The rules, in order of precedence:
 *
 * <ol>
 *   <li>default deny: an object no allow matches is hidden;
 *   <li>allows add up: one matching allow is enough;
 *   <li>a deny wins: an object any deny matches is hidden, whatever the allows say;
 *   <li>an allow's {@code *} never reaches secrets; a deny's does;
 *   <li>a Namespace object is visible to whoever {@linkplain #maySeeInto may see into} it, on top
 *       of the rules that grant {@code namespaces} directly.
 * </ol>
 *
 * <p>Immutable and safe to share between threads. Per-resource views are built on first use and
 * kept (up to {@value #MAX_CACHED_VIEWS} resources; past that they are built per call), so the
 * steady state of {@link #mayView} is a map lookup and a scan of the few rules for that resource.
 */
public final class Access {
  static final String NAMESPACES = "namespaces";

  /** Clusters serve a few hundred resource types at most; this bounds the cache for any caller. */
  private static final int MAX_CACHED_VIEWS = 4096;

  private static final Access NONE = of(List.of(), List.of());

  private final Rule[] allows;
  private final Rule[] denies;
  private final Rule[] viewAllows;
  private final Rule[] wholeNamespaceDenies;
  private final AccessKey key;
  private final ConcurrentHashMap<String, ResourceView> views = new ConcurrentHashMap<>();
  private final Function<String, ResourceView> compiler = this::compile;

  private Access(Rule[] allows, Rule[] denies, AccessKey key) {
    this.allows = allows;
    this.denies = denies;
    this.key = key;
    List<Rule> view = new ArrayList<>();
    for (Rule allow : allows) {
      if (allow.concerns(Verb.VIEW)) {
        view.add(allow);
      }
    }
    this.viewAllows = view.toArray(Rule[]::new);
    List<Rule> whole = new ArrayList<>();
    for (Rule deny : denies) {
      if (deny.concerns(Verb.VIEW) && deny.coversWholeNamespaces()) {
        whole.add(deny);
      }
    }
    this.wholeNamespaceDenies = whole.toArray(Rule[]::new);
  }

  /** Access from rules that already apply to the cluster; duplicates and order do not matter. */
  static Access of(Collection<Rule> allows, Collection<Rule> denies) {
    Map<String, Rule> sortedAllows = canonicalOrder(allows);
    Map<String, Rule> sortedDenies = canonicalOrder(denies);
    List<String> forms = new ArrayList<>(sortedAllows.keySet());
    forms.addAll(sortedDenies.keySet());
    return new Access(
        sortedAllows.values().toArray(Rule[]::new),
        sortedDenies.values().toArray(Rule[]::new),
        new AccessKey(String.join("\n", forms)));
  }

  /** No access at all: what an unknown user, or a user with no active binding, gets. */
  public static Access none() {
    return NONE;
  }

  /** Equal for any two accesses made of the same rules; see {@link AccessKey}. */
  public AccessKey key() {
    return key;
  }

  /** True when no allow applies: nothing is viewable. */
  public boolean grantsNothing() {
    return allows.length == 0;
  }

  /**
   * Whether the user may view this object.
   *
   * @param resource in kubectl form: {@code pods}, {@code deployments.apps}
   * @param namespace the object's namespace, or null for a cluster-scoped object
   * @param labels the object's labels; null means none
   */
  public boolean mayView(String resource, String namespace, String name, Map<String, String> labels) {
    return view(resource).mayView(namespace, name, labels);
  }

  /** Whether a subscription to the resource may be granted; see {@link ResourceView#maySubscribe}. */
  public boolean maySubscribe(String resource) {
    return view(resource).maySubscribe();
  }

  /** The view decisions for one resource, to keep per subscription. */
  public ResourceView view(String resource) {
    ResourceView view = views.get(resource);
    if (view != null) {
      return view;
    }
    return views.size() < MAX_CACHED_VIEWS ? views.computeIfAbsent(resource, compiler) : compile(resource);
  }

  /**
   * Whether the user may see anything in the namespace, which is what makes its Namespace object
   * visible. Decided from the rules alone, without looking at objects: true when some view allow's
   * namespaces match (whatever its resources, names or labels — so a rule for pods labelled
   * {@code tier=web} in {@code payments} shows Namespace {@code payments} even if no such pod
   * exists yet), unless a deny hides everything in the namespace (a deny whose namespaces match,
   * with every resource, every name and no label selector).
   */
  public boolean maySeeInto(String namespace) {
    for (Rule deny : wholeNamespaceDenies) {
      if (deny.matchesNamespace(namespace)) {
        return false;
      }
    }
    for (Rule allow : viewAllows) {
      if (allow.matchesNamespace(namespace)) {
        return true;
      }
    }
    return false;
  }

  boolean grantsAnyView() {
    return viewAllows.length > 0;
  }

  private ResourceView compile(String resource) {
    List<Rule> matchingAllows = new ArrayList<>();
    for (Rule allow : viewAllows) {
      if (allow.matchesResource(resource)) {
        matchingAllows.add(allow);
      }
    }
    List<Rule> matchingDenies = new ArrayList<>();
    for (Rule deny : denies) {
      if (deny.concerns(Verb.VIEW) && deny.matchesResource(resource)) {
        matchingDenies.add(deny);
      }
    }
    return new ResourceView(
        this, resource, matchingAllows.toArray(Rule[]::new), matchingDenies.toArray(Rule[]::new));
  }

  private static Map<String, Rule> canonicalOrder(Collection<Rule> rules) {
    Map<String, Rule> byForm = new TreeMap<>();
    for (Rule rule : rules) {
      byForm.putIfAbsent(rule.canonical(), rule);
    }
    return byForm;
  }

  @Override
  public String toString() {
    return "Access[" + allows.length + " allows, " + denies.length + " denies]";
  }
}
