package app.octokube.backend.rbac;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Shared helpers for the Virtual RBAC tests. */
final class Policies {
  /** A Monday, 10:00 in Paris: inside the BRIEF example's window. */
  static final Instant MONDAY_10_PARIS = Instant.parse("2026-06-01T08:00:00Z");

  private Policies() {}

  static Policy parse(String yaml) {
    try {
      return PolicyParser.parse(yaml);
    } catch (PolicyException e) {
      throw new AssertionError("policy refused: " + e.getMessage(), e);
    }
  }

  static PolicyException refusal(String yaml) {
    try {
      PolicyParser.parse(yaml);
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("policy accepted:\n" + yaml);
  }

  static String resource(String name) {
    try (InputStream in = Policies.class.getResourceAsStream("/rbac/" + name)) {
      if (in == null) {
        throw new AssertionError("no test resource rbac/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A policy where user {@code u} holds one role {@code r} with the given body (its allow and deny
   * lists, as YAML) at all times.
   */
  static Policy withRole(String roleBody) {
    return parse("users: [{name: u}, {name: other}]\n"
        + "roles:\n"
        + "  - name: r\n"
        + roleBody.indent(4)
        + "bindings: [{role: r, subjects: [\"user:u\"]}]\n");
  }

  /** The access of {@code u} to cluster {@code prod-a} under {@link #withRole}. */
  static Access accessWithRole(String roleBody) {
    return withRole(roleBody).access("u", "prod-a", MONDAY_10_PARIS);
  }
}
