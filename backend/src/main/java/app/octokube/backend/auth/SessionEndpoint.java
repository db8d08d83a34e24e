package app.octokube.backend.auth;

import app.octokube.backend.rbac.Policy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@value #PATH}: sign in, see who you are, sign out.
 *
 * <ul>
 *   <li>{@code POST} {@code {"user":"…","password":"…"}} → 200 {@code {"user","demo"}} and an
 *       HttpOnly, SameSite=Strict session cookie; 401 {@code {"error":"…"}} for wrong
 *       credentials, the same answer whether the user exists or not; 429 after too many failures
 *       from one address.
 *   <li>{@code GET} → 200 {@code {"user","demo"}} for a live session or token, else 401.
 *   <li>{@code DELETE} → 204; the session ends and the user's streams are closed.
 * </ul>
 *
 * <p>Requests that change state must come from an allowed {@code Origin} when they name one, so
 * another site cannot sign a browser in or out. Bodies over 4 KiB are refused unread.
 */
public final class SessionEndpoint {
  public static final String PATH = "/api/v1/session";
  private static final int MAX_BODY = 4 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyHolder policy;
  private final SessionStore sessions;
  private final PolicyAuthenticator authenticator;
  private final Predicate<String> originAllowed;
  private final Consumer<String> signedOut;
  private final boolean demoMode;
  private final SignInThrottle throttle;

  /**
   * @param signedOut called with the user when a session ends by sign-out, to close its streams
   */
  public SessionEndpoint(PolicyHolder policy, SessionStore sessions, Predicate<String> originAllowed,
      Consumer<String> signedOut, boolean demoMode, Clock clock) {
    this.policy = policy;
    this.sessions = sessions;
    this.authenticator = new PolicyAuthenticator(policy, sessions, demoMode);
    this.originAllowed = originAllowed;
    this.signedOut = signedOut;
    this.demoMode = demoMode;
    this.throttle = new SignInThrottle(clock);
  }

  public PolicyAuthenticator authenticator() {
    return authenticator;
  }

  public void handle(HttpServerRequest request) {
    HttpMethod method = request.method();
    String origin = request.getHeader("Origin");
    if (!HttpMethod.GET.equals(method) && origin != null && !originAllowed.test(origin)) {
      reply(request, 403, error("this origin may not sign in here"));
      return;
    }
    if (HttpMethod.GET.equals(method)) {
      Optional<String> user = authenticator.authenticate(app.octokube.backend.server.Credentials.from(request.headers()));
      user.ifPresentOrElse(u -> reply(request, 200, whoami(u)), () -> reply(request, 401, error("not signed in")));
    } else if (HttpMethod.POST.equals(method)) {
      signIn(request);
    } else if (HttpMethod.DELETE.equals(method)) {
      signOut(request);
    } else {
      request.response().putHeader("Allow", "GET, POST, DELETE");
      reply(request, 405, error("use GET, POST or DELETE"));
    }
  }

  private void signIn(HttpServerRequest request) {
    String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    if (!throttle.mayTry(address)) {
      reply(request, 429, error("too many failed sign-ins; wait a minute"));
      return;
    }
    String length = request.getHeader("Content-Length");
    if (length != null && parseLength(length) > MAX_BODY) {
      reply(request, 413, error("the request is too large"));
      return;
    }
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (body.length() + chunk.length() > MAX_BODY) {
        request.pause();
        reply(request, 413, error("the request is too large"));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (request.response().ended()) {
        return;
      }
      Optional<String> user = credentials(body).flatMap(c -> check(c.user, c.password));
      if (user.isEmpty()) {
        throttle.failed(address);
        reply(request, 401, error("wrong user name or password"));
        return;
      }
      String id = sessions.create(user.get());
      request.response().putHeader("Set-Cookie", cookie(request, id, sessions.maxLifetime().toSeconds()));
      reply(request, 200, whoami(user.get()));
    });
  }

  private Optional<String> check(String user, char[] password) {
    if (!demoMode && DemoCredentials.isDemoPassword(user, password)) {
      return Optional.empty();
    }
    Policy current = policy.current();
    return current.signIn(user, password).map(u -> u.name());
  }

  private void signOut(HttpServerRequest request) {
    String id = app.octokube.backend.server.Credentials.from(request.headers()).cookie(PolicyAuthenticator.COOKIE).orElse(null);
    sessions.end(id).ifPresent(signedOut);
    request.response().putHeader("Set-Cookie", cookie(request, "", 0));
    request.response().setStatusCode(204).end();
  }

  private record SignInRequest(String user, char[] password) {}

  private static Optional<SignInRequest> credentials(Buffer body) {
    try {
      JsonNode json = JSON.readTree(body.getBytes());
      if (json == null || !json.path("user").isTextual() || !json.path("password").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new SignInRequest(json.get("user").asText(), json.get("password").asText().toCharArray()));
    } catch (java.io.IOException e) {
      // Not JSON: answered like wrong credentials, without echoing what was sent.
      return Optional.empty();
    }
  }

  private ObjectNode whoami(String user) {
    ObjectNode node = JSON.createObjectNode();
    node.put("user", user);
    node.put("demo", demoMode);
    return node;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static String cookie(HttpServerRequest request, String value, long maxAge) {
    boolean secure = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    return PolicyAuthenticator.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge
        + (secure ? "; Secure" : "");
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      // An unreadable length is treated as too large: such a request is not from our IDE.
      return Long.MAX_VALUE;
    }
  }

  private static void reply(HttpServerRequest request, int status, ObjectNode body) {
    if (request.response().ended()) {
      return;
    }
    try {
      request.response().setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a small JSON object always encodes", e);
    }
  }
}
