package app.octokube.backend.auth;

/**
 * The demo's well-known credentials: each user's password is the user's name and its API token
 * is {@code demo-<user>}. Printed in the README on purpose, so outside demo mode the Backend
 * refuses them whatever the policy says — a demo policy copied into production must not open it.
 */
final class DemoCredentials {
  static final String TOKEN_PREFIX = "demo-";

  private DemoCredentials() {}

  static boolean isDemoPassword(String user, char[] password) {
    return user != null && java.util.Arrays.equals(user.toCharArray(), password);
  }

  static boolean isDemoToken(String token) {
    return token != null && token.startsWith(TOKEN_PREFIX);
  }
}
