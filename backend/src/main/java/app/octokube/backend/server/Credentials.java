package app.octokube.backend.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a WebSocket handshake presents to prove who it is: an {@code Authorization: Bearer} token
 * and the cookies. Never logged: both are secrets.
 *
 * @param bearerToken the token of the {@code Authorization: Bearer} header, if any
 * @param cookies the cookies by name; the first value wins when a name repeats
 */
public record Credentials(Optional<String> bearerToken, Map<String, String> cookies) {
  private static final String BEARER = "Bearer ";

  public Credentials {
    cookies = Map.copyOf(cookies);
  }

  /** Reads the credentials of a handshake's headers. */
  public static Credentials from(MultiMap headers) {
    String authorization = headers.get(HttpHeaders.AUTHORIZATION);
    Optional<String> token = Optional.empty();
    if (authorization != null && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      token = Optional.of(authorization.substring(BEARER.length()).trim()).filter(t -> !t.isEmpty());
    }
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String header : headers.getAll(HttpHeaders.COOKIE)) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
      }
    }
    return new Credentials(token, cookies);
  }

  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  @Override
  public String toString() {
    return "Credentials[bearer=" + bearerToken.isPresent() + ", cookies=" + cookies.keySet() + "]";
  }
}
