package app.octokube.backend.server;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may open a client stream, against cross-site WebSocket hijacking: a page of
 * another site could otherwise open a stream that the browser authenticates with the user's
 * cookie.
 *
 * <p>Rules: a handshake with an {@code Origin} must name an allowed origin exactly
 * ({@code scheme://host[:port]}, case-insensitive). A handshake without one comes from a program,
 * not a browser (browsers always send it on WebSockets); it is accepted only with a bearer token,
 * which no other site's page can attach, and never on a cookie alone. Immutable.
 */
public final class OriginPolicy {
  private final Set<String> allowed;

  public OriginPolicy(Set<String> allowed) {
    this.allowed = allowed.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether a handshake with this {@code Origin} header (null if absent) may proceed. */
  public boolean allows(String origin, boolean hasBearerToken) {
    if (origin == null) {
      return hasBearerToken;
    }
    return allowed.contains(normalize(origin));
  }

  private static String normalize(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
