package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.parse;
import static app.octokube.backend.rbac.Policies.resource;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Local users: bcrypt passwords and hashed API tokens. */
class UsersTest {
  private final Policy policy = parse(resource("brief-example.yaml"));

  @Test
  void theRightPasswordVerifies() {
    assertThat(policy.user("alice").orElseThrow().verifyPassword("alice-password".toCharArray())).isTrue();
  }

  @Test
  void aWrongPasswordDoesNot() {
    assertThat(policy.user("alice").orElseThrow().verifyPassword("bob-password".toCharArray())).isFalse();
  }

  @Test
  void signInReturnsTheUserForTheRightPasswordOnly() {
    assertThat(policy.signIn("bob", "bob-password".toCharArray())).map(User::name).contains("bob");
    assertThat(policy.signIn("bob", "alice-password".toCharArray())).isEmpty();
  }

  @Test
  void signInFailsForAnUnknownUser() {
    assertThat(policy.signIn("mallory", "alice-password".toCharArray())).isEmpty();
  }

  @Test
  void aUserWithoutAPasswordHashNeverSignsIn() {
    Policy robots = parse("users: [{name: robot}]");
    assertThat(robots.signIn("robot", new char[0])).isEmpty();
    assertThat(robots.user("robot").orElseThrow().verifyPassword("".toCharArray())).isFalse();
  }

  @Test
  void hashesMadeByHtpasswdVerify() {
    Policy made = parse("users: [{name: a, passwordHash: '$2y$04$aGr2DSX5c0Ps.1oBl.rEsOyM6j.XlWRq1vh9KsGZPOY.9Bo14LqS.'}]");
    assertThat(made.signIn("a", "correct horse".toCharArray())).isPresent();
  }

  @Test
  void passwordsBeyondBcryptsSeventyTwoBytesVerifyAsHtpasswdHashedThem() {
    Policy made = parse("users: [{name: a, passwordHash: '$2y$04$LUhCXRPExclQI3hbz9HqxuoEwHiQY4jjxXX9P09s3ZOHUl9aWMfxa'}]");
    assertThat(made.signIn("a", "a".repeat(80).toCharArray())).isPresent();
  }

  @Test
  void aTokenLeadsToItsOwner() {
    assertThat(policy.userForToken("alice-token-0123456789abcdef")).contains("alice");
    assertThat(policy.userForToken("bob-ci-token-fedcba9876543210")).contains("bob");
  }

  @Test
  void anUnknownOrEmptyTokenLeadsNowhere() {
    assertThat(policy.userForToken("alice-token-0123456789abcdeF")).isEmpty();
    assertThat(policy.userForToken("")).isEmpty();
    assertThat(policy.userForToken(null)).isEmpty();
  }

  @Test
  void tokenHashesMayBeWrittenInUppercaseHex() {
    Policy upper = parse(
        "users: [{name: a, tokens: ['sha256:5F2BD10C7DC9899C7D74DAAA07C9F33C2716787B0969BEC2B1F2B1905CD81532']}]");
    assertThat(upper.userForToken("okt_example_token")).contains("a");
  }

  @Test
  void aUserPrintsWithoutItsHashes() {
    assertThat(policy.user("alice").orElseThrow().toString()).isEqualTo("User[alice]");
  }
}
