package app.octokube.backend.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in sessions, in memory: a random id (the cookie's value) to a user.
 *
 * <p>A session ends when signed out, after {@code idleTimeout} without use, or
 * {@code maxLifetime} after sign-in, whichever comes first. Ids carry 256 random bits, so
 * guessing one is not a concern; they are never logged. A Backend restart ends every session,
 * which costs users a sign-in and nothing else.
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final Clock clock;

  record Session(String user, Instant created, Instant lastUsed) {}

  public SessionStore(Duration idleTimeout, Duration maxLifetime, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  /** Sessions idle 8 hours or signed in 24 hours ago end: a working day, then sign in again. */
  public static SessionStore withDefaults() {
    return new SessionStore(Duration.ofHours(8), Duration.ofHours(24), Clock.systemUTC());
  }

  /** Starts a session for {@code user} and returns its id. */
  public String create(String user) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    sessions.put(id, new Session(user, now, now));
    return id;
  }

  /** The user of a live session, refreshing its idle time; empty if unknown or expired. */
  public Optional<String> user(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.computeIfPresent(id, (k, s) ->
        expired(s, now) ? null : new Session(s.user(), s.created(), now));
    return Optional.ofNullable(session).map(Session::user);
  }

  /** Ends one session; returns its user if it was live. */
  public Optional<String> end(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.remove(id);
    return session == null || expired(session, clock.instant()) ? Optional.empty() : Optional.of(session.user());
  }

  /** Forgets expired sessions; run now and then so abandoned ones do not accumulate. */
  public void sweep() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> expired(s, now));
  }

  public int size() {
    return sessions.size();
  }

  public Duration maxLifetime() {
    return maxLifetime;
  }

  private boolean expired(Session s, Instant now) {
    return now.isAfter(s.lastUsed().plus(idleTimeout)) || now.isAfter(s.created().plus(maxLifetime));
  }
}
