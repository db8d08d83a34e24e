package app.octokube.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.backend.server.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyAuthenticatorTest {
  private final PolicyHolder policy = new PolicyHolder(AuthFixtures.policy(""));
  private final SessionStore sessions = new SessionStore(Duration.ofHours(1), Duration.ofHours(2), Clock.systemUTC());

  private static Credentials bearer(String token) {
    return new Credentials(Optional.of(token), Map.of());
  }

  private static Credentials cookie(String id) {
    return new Credentials(Optional.empty(), Map.of(PolicyAuthenticator.COOKIE, id));
  }

  @Test
  void aPolicyTokenProvesItsUser() {
    PolicyAuthenticator auth = new PolicyAuthenticator(policy, sessions, false);

    assertThat(auth.authenticate(bearer("tok-alice-0123456789"))).contains("alice");
    assertThat(auth.authenticate(bearer("tok-alice-wrong"))).isEmpty();
  }

  @Test
  void demoTokensAreRefusedOutsideDemoModeEvenWhenThePolicyHasThem() {
    assertThat(new PolicyAuthenticator(policy, sessions, false).authenticate(bearer("demo-bob"))).isEmpty();
    assertThat(new PolicyAuthenticator(policy, sessions, true).authenticate(bearer("demo-bob"))).contains("bob");
  }

  @Test
  void aLiveSessionCookieProvesItsUser() {
    String id = sessions.create("alice");

    assertThat(new PolicyAuthenticator(policy, sessions, false).authenticate(cookie(id))).contains("alice");
    assertThat(new PolicyAuthenticator(policy, sessions, false).authenticate(cookie("forged"))).isEmpty();
  }

  @Test
  void aSessionEndsWithItsUserLeavingThePolicy() {
    String id = sessions.create("alice");
    policy.replace(app.octokube.backend.rbac.Policy.empty());

    assertThat(new PolicyAuthenticator(policy, sessions, false).authenticate(cookie(id))).isEmpty();
  }

  @Test
  void aTokenWinsOverACookie() {
    String id = sessions.create("bob");
    Credentials both = new Credentials(Optional.of("tok-alice-0123456789"), Map.of(PolicyAuthenticator.COOKIE, id));

    assertThat(new PolicyAuthenticator(policy, sessions, false).authenticate(both)).contains("alice");
  }
}
