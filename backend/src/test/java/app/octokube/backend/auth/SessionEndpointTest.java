package app.octokube.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionEndpointTest {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> signedOut = new CopyOnWriteArrayList<>();
  private final PolicyHolder policy = new PolicyHolder(AuthFixtures.policy(""));
  private final SessionStore sessions = SessionStore.withDefaults();
  private HttpServer server;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private String start(boolean demoMode) throws Exception {
    SessionEndpoint endpoint = new SessionEndpoint(policy, sessions, "http://ide.example"::equals,
        signedOut::add, demoMode, Clock.systemUTC());
    server = vertx.createHttpServer().requestHandler(endpoint::handle)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort() + SessionEndpoint.PATH;
  }

  private HttpResponse<String> post(String url, String body, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sessionCookie(HttpResponse<?> response) {
    String header = response.headers().firstValue("Set-Cookie").orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }

  @Test
  void signingInSetsAnHttpOnlySameSiteStrictCookie() throws Exception {
    String url = start(false);

    HttpResponse<String> response = post(url, "{\"user\":\"alice\",\"password\":\"wonderland\"}", "http://ide.example");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"user\":\"alice\",\"demo\":false}");
    assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith(PolicyAuthenticator.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/");
  }

  @Test
  void theSessionCookieProvesTheUserUntilSignOut() throws Exception {
    String url = start(false);
    String cookie = sessionCookie(post(url, "{\"user\":\"alice\",\"password\":\"wonderland\"}", null));

    HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"alice\"");
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(signedOut).containsExactly("alice");
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
    String url = start(false);

    HttpResponse<String> wrong = post(url, "{\"user\":\"alice\",\"password\":\"nope\"}", null);
    HttpResponse<String> unknown = post(url, "{\"user\":\"mallory\",\"password\":\"nope\"}", null);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void demoPasswordsWorkOnlyInDemoMode() throws Exception {
    String url = start(false);
    assertThat(post(url, "{\"user\":\"bob\",\"password\":\"bob\"}", null).statusCode()).isEqualTo(401);
    server.close();

    String demoUrl = start(true);
    HttpResponse<String> demo = post(demoUrl, "{\"user\":\"bob\",\"password\":\"bob\"}", null);
    assertThat(demo.statusCode()).isEqualTo(200);
    assertThat(demo.body()).contains("\"demo\":true");
  }

  @Test
  void aForeignOriginCannotSignABrowserIn() throws Exception {
    String url = start(false);

    HttpResponse<String> response = post(url, "{\"user\":\"alice\",\"password\":\"wonderland\"}", "https://evil.example");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void repeatedFailuresFromOneAddressAreThrottled() throws Exception {
    String url = start(false);
    for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
      assertThat(post(url, "{\"user\":\"alice\",\"password\":\"guess" + i + "\"}", null).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> blocked = post(url, "{\"user\":\"alice\",\"password\":\"wonderland\"}", null);

    assertThat(blocked.statusCode()).isEqualTo(429);
  }

  @Test
  void anOversizedOrMalformedBodyChangesNothing() throws Exception {
    String url = start(false);

    assertThat(post(url, "x".repeat(10_000), null).statusCode()).isEqualTo(413);
    HttpResponse<String> malformed = post(url, "{not json", null);
    assertThat(malformed.statusCode()).isEqualTo(401);
    assertThat(malformed.body()).doesNotContain("not json");
    assertThat(sessions.size()).isZero();
  }
}
