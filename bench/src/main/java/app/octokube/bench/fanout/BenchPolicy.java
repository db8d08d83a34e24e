package app.octokube.bench.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Virtual RBAC policy of the fan-out scenarios: {@code classes} teams, team {@code i} allowed
 * to view the pods of namespace {@code team-i} only, and {@code clients} users spread over the
 * teams in turn, each with an API token (the policy holds its SHA-256, as docs/virtual-rbac.md
 * says). So there are exactly {@code classes} access classes, and a change in namespace
 * {@code team-i} is for the users of team {@code i} only. Also the Agent token of cluster
 * {@code c1}.
 */
final class BenchPolicy {
  private final int classes;
  private final List<String> tokens;
  private final String agentToken;
  private final Path file;

  private BenchPolicy(int classes, List<String> tokens, String agentToken, Path file) {
    this.classes = classes;
    this.tokens = tokens;
    this.agentToken = agentToken;
    this.file = file;
  }

  /** Writes the policy for {@code clients} users in {@code classes} teams to {@code dir}. */
  static BenchPolicy write(Path dir, int clients, int classes) throws IOException {
    List<String> tokens = new ArrayList<>();
    StringBuilder yaml = new StringBuilder("users:\n");
    for (int i = 0; i < clients; i++) {
      String token = "okt_bench_" + i + "_" + random();
      tokens.add(token);
      yaml.append("  - name: ").append(user(i)).append("\n    tokens: [\"sha256:").append(sha256(token)).append("\"]\n");
    }
    yaml.append("teams:\n");
    for (int c = 0; c < classes; c++) {
      yaml.append("  - name: ").append(namespace(c)).append("\n    members: [");
      boolean first = true;
      for (int i = c; i < clients; i += classes) {
        yaml.append(first ? "" : ", ").append(user(i));
        first = false;
      }
      yaml.append("]\n");
    }
    yaml.append("roles:\n");
    for (int c = 0; c < classes; c++) {
      yaml.append("  - name: view-").append(namespace(c)).append("\n    allow:\n      - namespaces: [")
          .append(namespace(c)).append("]\n        resources: [pods]\n        verbs: [view]\n");
    }
    yaml.append("bindings:\n");
    for (int c = 0; c < classes; c++) {
      yaml.append("  - role: view-").append(namespace(c)).append("\n    subjects: [\"team:")
          .append(namespace(c)).append("\"]\n");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new BenchPolicy(classes, tokens, "okt_agent_" + random(), file);
  }

  static String user(int client) {
    return String.format("user-%04d", client);
  }

  /** The namespace access class {@code c} may see. */
  static String namespace(int accessClass) {
    return String.format("team-%02d", accessClass);
  }

  /** The access class of a client. */
  int classOf(int client) {
    return client % classes;
  }

  int classes() {
    return classes;
  }

  int clients() {
    return tokens.size();
  }

  String token(int client) {
    return tokens.get(client);
  }

  String agentToken() {
    return agentToken;
  }

  String agentTokenHash() {
    return sha256(agentToken);
  }

  Path file() {
    return file;
  }

  private static String random() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
