package app.octokube.backend.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins from one address within a
 * minute, that address may not try again until the minute is over. bcrypt already makes each
 * guess cost ~100 ms of CPU; this keeps a guesser from turning that into a denial of service.
 */
final class SignInThrottle {
  static final int MAX_FAILURES = 10;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private record Window(Instant start, int failures) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  boolean mayTry(String address) {
    Window w = windows.get(address);
    if (w == null) {
      return true;
    }
    if (clock.instant().isAfter(w.start().plus(WINDOW))) {
      windows.remove(address, w);
      return true;
    }
    return w.failures() < MAX_FAILURES;
  }

  void failed(String address) {
    Instant now = clock.instant();
    windows.merge(address, new Window(now, 1), (old, one) ->
        now.isAfter(old.start().plus(WINDOW)) ? one : new Window(old.start(), old.failures() + 1));
    if (windows.size() > 100_000) {
      // Bounded memory under a spray from many addresses: forget the oldest windows wholesale.
      windows.values().removeIf(w -> now.isAfter(w.start().plus(WINDOW)));
    }
  }
}
