package app.octokube.backend.agents;

import java.time.Duration;
import java.util.Objects;

/**
 * The heartbeat of agent links.
 *
 * @param pingInterval how often the Backend pings an Agent (default 15 s, as docs/protocol.md says)
 * @param idleTimeout an Agent from which nothing arrived for this long, pongs included, is
 *     disconnected (default 45 s: three pings unanswered); it reconnects and resumes
 */
public record LinkSettings(Duration pingInterval, Duration idleTimeout) {
  public static final LinkSettings DEFAULTS =
      new LinkSettings(Duration.ofSeconds(15), Duration.ofSeconds(45));

  public LinkSettings {
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (pingInterval.isNegative() || pingInterval.isZero() || idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("pingInterval must be positive and shorter than idleTimeout");
    }
  }
}
