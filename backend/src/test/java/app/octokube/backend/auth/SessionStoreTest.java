package app.octokube.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
  private Instant now = Instant.parse("2026-11-26T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(2), clock);

  @Test
  void sessionIdsAreLongAndDistinct() {
    String a = store.create("alice");
    String b = store.create("alice");

    assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void aSessionIdleLongerThanTheTimeoutEnds() {
    String id = store.create("alice");
    now = now.plus(Duration.ofMinutes(31));

    assertThat(store.user(id)).isEmpty();
  }

  @Test
  void useKeepsASessionAliveUntilItsMaximumLifetime() {
    String id = store.create("alice");
    for (int i = 0; i < 4; i++) {
      now = now.plus(Duration.ofMinutes(25));
      assertThat(store.user(id)).contains("alice");
    }
    now = now.plus(Duration.ofMinutes(25));

    assertThat(store.user(id)).isEmpty();
  }

  @Test
  void endingASessionReturnsItsUserOnce() {
    String id = store.create("alice");

    assertThat(store.end(id)).contains("alice");
    assertThat(store.end(id)).isEmpty();
    assertThat(store.user(id)).isEmpty();
  }

  @Test
  void sweepForgetsExpiredSessions() {
    store.create("alice");
    now = now.plus(Duration.ofHours(3));
    store.sweep();

    assertThat(store.size()).isZero();
  }
}
