package app.octokube.backend.auth;

import app.octokube.backend.server.Authenticator;
import app.octokube.backend.server.Credentials;
import java.util.Optional;

/**
 * Proves who a client is: an API token of the policy ({@code Authorization: Bearer}), or a
 * sign-in session's cookie. A token wins over a cookie when both are present, since programs send
 * tokens on purpose while browsers send cookies by default.
 */
public final class PolicyAuthenticator implements Authenticator {
  /** The session cookie's name. */
  public static final String COOKIE = "octokube_session";

  private final PolicyHolder policy;
  private final SessionStore sessions;
  private final boolean demoMode;

  public PolicyAuthenticator(PolicyHolder policy, SessionStore sessions, boolean demoMode) {
    this.policy = policy;
    this.sessions = sessions;
    this.demoMode = demoMode;
  }

  @Override
  public Optional<String> authenticate(Credentials credentials) {
    if (credentials.bearerToken().isPresent()) {
      String token = credentials.bearerToken().get();
      if (!demoMode && DemoCredentials.isDemoToken(token)) {
        return Optional.empty();
      }
      return policy.current().userForToken(token);
    }
    return credentials.cookie(COOKIE).flatMap(sessions::user)
        // A user removed from the policy loses the sessions it had.
        .filter(user -> policy.current().user(user).isPresent());
  }
}
