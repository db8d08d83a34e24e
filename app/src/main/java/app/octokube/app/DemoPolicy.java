package app.octokube.app;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;

/**
 * The demo's users and rules, written as an ordinary policy file:
 *
 * <ul>
 *   <li>{@code admin} sees everything, Secrets included;
 *   <li>{@code alice} sees the namespaces {@code payments} and {@code search}, no Secrets;
 *   <li>{@code bob} sees {@code platform} on weekdays from 09:00 to 18:00, in this machine's
 *       time zone, and nothing outside those hours.
 * </ul>
 *
 * Each user's password is the user's name and its API token {@code demo-<user>}; the Backend
 * accepts these only in demo mode.
 */
final class DemoPolicy {
  static final String[] USERS = {"admin", "alice", "bob"};

  private DemoPolicy() {}

  static String yaml(ZoneId zone) {
    StringBuilder users = new StringBuilder();
    for (String user : USERS) {
      users.append("  - name: ").append(user).append('\n')
          // Cost 10: about 50 ms a sign-in here, plenty for a demo's well-known passwords.
          .append("    passwordHash: \"").append(BCrypt.withDefaults().hashToString(10, user.toCharArray())).append("\"\n")
          .append("    tokens: [\"sha256:").append(sha256("demo-" + user)).append("\"]\n");
    }
    return """
        # The Octokube demo's policy. Edit it while the demo runs: changes take effect within a
        # second, and a file that does not parse is refused with the line at fault.
        users:
        %s
        roles:
          - name: everything
            allow:
              - clusters: ["*"]
                resources: ["*", secrets]
                verbs: [view]
          - name: payments-and-search
            allow:
              - clusters: ["*"]
                namespaces: [payments, search]
                resources: ["*"]
                verbs: [view]
          - name: platform
            allow:
              - clusters: ["*"]
                namespaces: [platform]
                resources: ["*"]
                verbs: [view]
        bindings:
          - role: everything
            subjects: ["user:admin"]
          - role: payments-and-search
            subjects: ["user:alice"]
          - role: platform
            subjects: ["user:bob"]
            schedule: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00", timezone: "%s"}
        """.formatted(users.toString().stripTrailing(), zone.getId());
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
