package app.octokube.app.consistency;

import app.octokube.backend.rbac.Policy;
import app.octokube.backend.rbac.PolicyException;
import app.octokube.backend.rbac.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A random Virtual RBAC policy for the consistency property: {@code admin} sees every pod, and two
 * or three other users each get one or two allow rules over random namespaces, an optional label
 * selector on {@code tier}, and maybe a deny rule. The first user is always narrower than admin
 * (one or two namespaces), so the property can never pass by every user seeing everything.
 */
record RandomPolicy(String yaml, Policy policy, List<String> users) {
  static final String ADMIN = "admin";
  static final String CLUSTER = "c1";
  /** The simulated cluster's namespaces (see the sim module's seed). */
  static final List<String> NAMESPACES = List.of("payments", "search", "platform", "kube-system");
  private static final List<String> NAMES = List.of("carol", "dave", "erin");
  private static final List<String> SELECTORS = List.of(
      "tier in (web,api)", "tier!=db", "tier=web", "tier notin (api)", "tier=db", "tier in (api,db)", "tier");
  private static final List<String> TIERS = List.of("web", "api", "db");

  static RandomPolicy generate(Random random) {
    for (int attempt = 0; ; attempt++) {
      RandomPolicy candidate = candidate(random);
      // A user whose deny leaves no subscription at all would get `forbidden` and reach no version,
      // which says nothing about consistency: draw again (rarely needed).
      boolean everyoneMaySubscribe = candidate.users.stream()
          .allMatch(u -> candidate.policy.access(u, CLUSTER, Instant.now()).maySubscribe("pods"));
      if (everyoneMaySubscribe || attempt > 50) {
        return candidate;
      }
    }
  }

  private static RandomPolicy candidate(Random random) {
    int count = 2 + random.nextInt(2);
    List<String> users = new ArrayList<>(NAMES.subList(0, count));
    StringBuilder yaml = new StringBuilder("users:\n");
    for (String user : withAdmin(users)) {
      yaml.append("  - name: ").append(user).append('\n')
          .append("    tokens: [\"sha256:").append(sha256("demo-" + user)).append("\"]\n");
    }
    yaml.append("roles:\n")
        .append("  - name: everything\n")
        .append("    allow:\n")
        .append("      - clusters: [\"*\"]\n")
        .append("        resources: [\"*\"]\n")
        .append("        verbs: [view]\n");
    for (int u = 0; u < users.size(); u++) {
      yaml.append("  - name: role-").append(users.get(u)).append('\n').append("    allow:\n");
      int rules = 1 + random.nextInt(2);
      for (int r = 0; r < rules; r++) {
        List<String> namespaces = u == 0 && r == 0 ? subset(random, 1 + random.nextInt(2)) : subset(random, 1 + random.nextInt(4));
        yaml.append("      - clusters: [").append(random.nextBoolean() ? "c1" : "\"*\"").append("]\n")
            .append("        namespaces: ").append(list(namespaces)).append('\n')
            .append("        resources: ").append(random.nextBoolean() ? "[pods]" : "[\"*\"]").append('\n');
        if (random.nextInt(3) > 0) {
          yaml.append("        labelSelector: \"").append(SELECTORS.get(random.nextInt(SELECTORS.size()))).append("\"\n");
        }
        yaml.append("        verbs: [view]\n");
      }
      if (random.nextInt(5) < 2) {
        yaml.append("    deny:\n")
            .append("      - namespaces: [").append(NAMESPACES.get(random.nextInt(NAMESPACES.size()))).append("]\n")
            .append("        resources: [pods]\n");
        if (random.nextInt(3) > 0) {
          yaml.append("        labelSelector: \"tier=").append(TIERS.get(random.nextInt(TIERS.size()))).append("\"\n");
        }
      }
    }
    yaml.append("bindings:\n")
        .append("  - role: everything\n")
        .append("    subjects: [\"user:").append(ADMIN).append("\"]\n");
    for (String user : users) {
      yaml.append("  - role: role-").append(user).append('\n')
          .append("    subjects: [\"user:").append(user).append("\"]\n");
    }
    String text = yaml.toString();
    try {
      return new RandomPolicy(text, PolicyParser.parse(text), List.copyOf(users));
    } catch (PolicyException e) {
      throw new AssertionError("the generated policy does not parse:\n" + text, e);
    }
  }

  private static List<String> withAdmin(List<String> users) {
    List<String> all = new ArrayList<>(users);
    all.add(0, ADMIN);
    return all;
  }

  /** A random subset of the namespaces of the given size, in a random order. */
  private static List<String> subset(Random random, int size) {
    List<String> all = new ArrayList<>(NAMESPACES);
    java.util.Collections.shuffle(all, random);
    return all.subList(0, size);
  }

  private static String list(List<String> values) {
    return "[" + String.join(", ", values) + "]";
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
