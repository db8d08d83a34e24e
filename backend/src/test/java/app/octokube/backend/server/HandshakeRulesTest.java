package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pure rules behind the client handshake and request limits. */
class HandshakeRulesTest {

  @Test
  void anOriginIsAllowedOnlyIfListedExactly() {
    OriginPolicy policy = new OriginPolicy(Set.of("https://ide.example.com"));

    assertThat(policy.allows("https://ide.example.com", false)).isTrue();
    assertThat(policy.allows("HTTPS://IDE.example.com/", false)).isTrue();
    assertThat(policy.allows("https://ide.example.com.evil.test", true)).isFalse();
    assertThat(policy.allows("http://ide.example.com", true)).isFalse();
  }

  @Test
  void noOriginIsAllowedOnlyWithABearerToken() {
    OriginPolicy policy = new OriginPolicy(Set.of("https://ide.example.com"));

    assertThat(policy.allows(null, true)).isTrue();
    assertThat(policy.allows(null, false)).isFalse();
  }

  @Test
  void credentialsReadTheBearerTokenAndTheCookies() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "bearer  abc.def ")
        .add("Cookie", "a=1; octokube_session=xyz")
        .add("Cookie", "a=2");

    Credentials credentials = Credentials.from(headers);

    assertThat(credentials.bearerToken()).contains("abc.def");
    assertThat(credentials.cookie("octokube_session")).contains("xyz");
    assertThat(credentials.cookie("a")).contains("1");
    assertThat(credentials.toString()).doesNotContain("abc.def").doesNotContain("xyz");
  }

  @Test
  void aBearerTokenAuthenticatesItsUserOnly() {
    BearerTokenAuthenticator authenticator = BearerTokenAuthenticator.fromTokens(Map.of("t-alice", "alice"));

    assertThat(authenticator.authenticate(Credentials.from(MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer t-alice")))).contains("alice");
    assertThat(authenticator.authenticate(Credentials.from(MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer t-bob")))).isEmpty();
    assertThat(authenticator.authenticate(Credentials.from(MultiMap.caseInsensitiveMultiMap()))).isEmpty();
  }

  @Test
  void theTokenBucketAllowsABurstThenTheRate() {
    AtomicLong now = new AtomicLong();
    TokenBucket bucket = new TokenBucket(10, 3, now::get);

    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
    now.addAndGet(100_000_000L);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }
}
