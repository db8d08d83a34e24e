package app.octokube.backend.rbac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed, valid Virtual RBAC policy: users, teams, roles and bindings, and the pure evaluation
 * of who may see what. Immutable; a reload builds a new one (see {@link PolicyParser}).
 *
 * <p>Evaluation happens in two steps so that the per-object check stays cheap: {@link #access}
 * gathers, once per user, cluster and instant, the rules that apply; the returned {@link Access}
 * then decides each object. {@link #nextChange} says when a schedule or an expiry may make the
 * gathered rules stale.
 */
public final class Policy {
  private static final Policy EMPTY = new Policy(List.of(), List.of(), List.of(), List.of());

  private final Map<String, User> users;
  private final Map<String, Team> teams;
  private final Map<String, Role> roles;
  private final List<Binding> bindings;
  private final Map<String, List<Binding>> bindingsByUser;
  private final String timingHash;

  Policy(List<User> users, List<Team> teams, List<Role> roles, List<Binding> bindings) {
    this.users = index(users, User::name);
    this.teams = index(teams, Team::name);
    this.roles = index(roles, Role::name);
    this.bindings = List.copyOf(bindings);
    for (Binding binding : bindings) {
      if (!this.roles.containsKey(binding.role())) {
        throw new IllegalArgumentException("binding to unknown role " + binding.role());
      }
    }
    this.bindingsByUser = bindingsByUser();
    this.timingHash =
        users.stream().map(User::passwordHashForTiming).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** A policy with no users and no rules: everything is denied. */
  public static Policy empty() {
    return EMPTY;
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  /** The users' names, in the order the policy defines them. */
  public Set<String> userNames() {
    return users.keySet();
  }

  public Optional<Team> team(String name) {
    return Optional.ofNullable(teams.get(name));
  }

  public List<Binding> bindings() {
    return bindings;
  }

  /**
   * The user whose password this is, for the sign-in page. An unknown name, or a user without a
   * password, costs one bcrypt verification all the same (against another user's hash), so the
   * response time does not tell which names exist. That holds as long as the policy's hashes share
   * one cost, as they do when made with one command.
   */
  public Optional<User> signIn(String name, char[] password) {
    User user = users.get(name);
    if (user != null && user.hasPassword()) {
      return user.verifyPassword(password) ? Optional.of(user) : Optional.empty();
    }
    if (timingHash != null) {
      User.verify(password, timingHash);
    }
    return Optional.empty();
  }

  /**
   * The user an API token belongs to. The token is hashed once, then compared with every stored
   * digest in constant time, without stopping at the first match, so the time taken says nothing
   * about which digest, if any, matched.
   */
  public Optional<String> userForToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    TokenDigest presented = TokenDigest.of(token);
    String owner = null;
    for (User user : users.values()) {
      for (TokenDigest stored : user.tokens()) {
        if (stored.sameAs(presented)) {
          owner = user.name();
        }
      }
    }
    return Optional.ofNullable(owner);
  }

  /**
   * The effective access of {@code user} to {@code cluster} at {@code at}: the rules of every
   * binding that names the user (directly or through a team) and is active at that instant, kept
   * when their clusters match. An unknown user gets {@link Access#none()}.
   */
  public Access access(String user, String cluster, Instant at) {
    List<Binding> candidates = bindingsByUser.get(user);
    if (candidates == null) {
      return Access.none();
    }
    List<Rule> allows = new ArrayList<>();
    List<Rule> denies = new ArrayList<>();
    for (Binding binding : candidates) {
      if (!binding.isActive(at)) {
        continue;
      }
      Role role = roles.get(binding.role());
      for (Rule rule : role.allow()) {
        if (rule.appliesToCluster(cluster)) {
          allows.add(rule);
        }
      }
      for (Rule rule : role.deny()) {
        if (rule.appliesToCluster(cluster)) {
          denies.add(rule);
        }
      }
    }
    return Access.of(allows, denies);
  }

  /**
   * The first instant after {@code now} at which a schedule or an expiry may change the user's
   * access (to any cluster), or null when none ever will. Evaluating {@link #access} again at
   * exactly that instant gives the new access: windows include their opening instant and exclude
   * their closing one, and a binding is gone at its expiry instant.
   */
  public Instant nextChange(String user, Instant now) {
    Instant next = null;
    for (Binding binding : bindingsByUser.getOrDefault(user, List.of())) {
      Instant change = binding.nextChangeAfter(now);
      if (change != null && (next == null || change.isBefore(next))) {
        next = change;
      }
    }
    return next;
  }

  private Map<String, List<Binding>> bindingsByUser() {
    Map<String, List<Binding>> byUser = new HashMap<>();
    for (User user : users.values()) {
      Set<String> teamsOfUser = teamsOf(user.name());
      List<Binding> own = new ArrayList<>();
      for (Binding binding : bindings) {
        if (binding.names(user.name(), teamsOfUser)) {
          own.add(binding);
        }
      }
      byUser.put(user.name(), List.copyOf(own));
    }
    return Map.copyOf(byUser);
  }

  private Set<String> teamsOf(String user) {
    Set<String> names = new HashSet<>();
    for (Team team : teams.values()) {
      if (team.members().contains(user)) {
        names.add(team.name());
      }
    }
    return names;
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
    Map<String, T> byName = new LinkedHashMap<>();
    for (T item : items) {
      if (byName.putIfAbsent(name.apply(item), item) != null) {
        throw new IllegalArgumentException("duplicate name " + name.apply(item));
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  @Override
  public String toString() {
    return "Policy[" + users.size() + " users, " + teams.size() + " teams, " + roles.size() + " roles, "
        + bindings.size() + " bindings]";
  }
}
