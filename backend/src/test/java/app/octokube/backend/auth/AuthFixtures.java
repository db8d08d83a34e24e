package app.octokube.backend.auth;

import app.octokube.backend.rbac.Policy;
import app.octokube.backend.rbac.PolicyParser;
import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Policies with real bcrypt hashes and token digests, for the auth tests. */
final class AuthFixtures {
  private AuthFixtures() {}

  static String bcrypt(String password) {
    // Cost 4, the minimum: the tests check the flow, not the hash's strength.
    return BCrypt.withDefaults().hashToString(4, password.toCharArray());
  }

  static String tokenDigest(String token) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** alice (password "wonderland", token "tok-alice-0123456789"), and demo-style bob. */
  static String policyYaml(String extraBinding) {
    return """
        users:
          - name: alice
            passwordHash: "%s"
            tokens: ["%s"]
          - name: bob
            passwordHash: "%s"
            tokens: ["%s"]
        roles:
          - name: viewer
            allow:
              - clusters: ["*"]
                namespaces: ["payments"]
                resources: ["*"]
                verbs: [view]
        bindings:
          - role: viewer
            subjects: ["user:alice"]
        %s""".formatted(bcrypt("wonderland"), tokenDigest("tok-alice-0123456789"),
        bcrypt("bob"), tokenDigest("demo-bob"), extraBinding);
  }

  static Policy policy(String extraBinding) {
    try {
      return PolicyParser.parse(policyYaml(extraBinding));
    } catch (app.octokube.backend.rbac.PolicyException e) {
      throw new IllegalStateException(e);
    }
  }
}
