package app.octokube.backend.rbac;

import app.octokube.backend.rbac.Nodes.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code users} and {@code teams} sections. Users come first because a team may only
 * list defined users: a member who is not a local user could never sign in, so naming one is a
 * typo until proven otherwise.
 *
 * <p>Error messages never quote a password hash or a token entry: an operator who pasted a clear
 * password or token by mistake must not find it copied into the Backend's log.
 */
final class PrincipalParser {
  /** Names of users, teams and roles: letters, digits, '.', '_', '@', '-', at most 64. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private static final List<String> USER_FIELDS = List.of("name", "passwordHash", "tokens");
  private static final List<String> TEAM_FIELDS = List.of("name", "members");

  private final Nodes nodes;
  private final Map<String, Node> userNames = new LinkedHashMap<>();

  PrincipalParser(Nodes nodes) {
    this.nodes = nodes;
  }

  List<User> users(List<Node> items) throws PolicyException {
    List<User> users = new ArrayList<>();
    Map<String, String> tokenOwners = new HashMap<>();
    for (Node item : items) {
      Nodes.Fields fields = nodes.mapping(item, "a user", USER_FIELDS);
      String name = name(fields, "user", userNames);
      String hash = null;
      Node hashNode = fields.get("passwordHash");
      if (hashNode != null) {
        hash = nodes.scalar(hashNode, "passwordHash");
        if (!User.BCRYPT_FORM.matcher(hash).matches()) {
          throw nodes.error(hashNode, "passwordHash of user \"" + name + "\" is not a bcrypt hash"
              + " ($2y$, a two-digit cost, $, then 53 characters); see docs/virtual-rbac.md to make one");
        }
      }
      List<TokenDigest> tokens = new ArrayList<>();
      Node tokensNode = fields.get("tokens");
      if (tokensNode != null) {
        for (Located token : nodes.strings(tokensNode, "tokens", true)) {
          tokens.add(token(name, token, tokenOwners));
        }
      }
      users.add(new User(name, hash, tokens));
    }
    return users;
  }

  List<Team> teams(List<Node> items) throws PolicyException {
    List<Team> teams = new ArrayList<>();
    Map<String, Node> teamNames = new HashMap<>();
    for (Node item : items) {
      Nodes.Fields fields = nodes.mapping(item, "a team", TEAM_FIELDS);
      String name = name(fields, "team", teamNames);
      Set<String> members = new LinkedHashSet<>();
      for (Located member : nodes.strings(fields.require("members"), "members", true)) {
        if (!userNames.containsKey(member.value())) {
          throw nodes.error(member.node(), "team \"" + name + "\" lists unknown user \"" + member.value()
              + "\"" + DidYouMean.hint(member.value(), userNames.keySet())
              + "; every member must be defined under users");
        }
        members.add(member.value());
      }
      teams.add(new Team(name, members));
    }
    return teams;
  }

  /** Reads a required, valid, not yet defined name; shared with roles. */
  static String name(Nodes nodes, Nodes.Fields fields, String kind, Map<String, Node> defined)
      throws PolicyException {
    Node node = fields.require("name");
    String name = nodes.scalar(node, kind + " name");
    if (!NAME.matcher(name).matches()) {
      throw nodes.error(node, kind + " name \"" + name + "\" is not valid: use letters, digits,"
          + " '.', '_', '@' or '-', at most 64, starting with a letter or digit");
    }
    Node first = defined.putIfAbsent(name, node);
    if (first != null) {
      throw nodes.error(node, "duplicate " + kind + " \"" + name + "\" (first defined on line "
          + (first.getStartMark().getLine() + 1) + ")");
    }
    return name;
  }

  private String name(Nodes.Fields fields, String kind, Map<String, Node> defined) throws PolicyException {
    return name(nodes, fields, kind, defined);
  }

  private TokenDigest token(String user, Located token, Map<String, String> owners) throws PolicyException {
    TokenDigest digest;
    try {
      digest = TokenDigest.parse(token.value());
    } catch (IllegalArgumentException e) {
      throw nodes.error(token.node(), "a token of user \"" + user + "\" is not \"sha256:\" then 64 hex"
          + " digits; the policy holds the SHA-256 of each token, never the token itself");
    }
    String owner = owners.putIfAbsent(digest.text(), user);
    if (owner != null) {
      throw nodes.error(token.node(), "a token of user \"" + user + "\" has the same hash as one of "
          + (owner.equals(user) ? "this user's other tokens" : "user \"" + owner + "\"")
          + "; each token must belong to one user");
    }
    return digest;
  }
}
