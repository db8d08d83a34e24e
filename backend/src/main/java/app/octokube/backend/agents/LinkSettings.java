package app.octokube.backend.agents;

import java.time.Duration;
import java.util.Objects;

/**
 * The heartbeat and the read limit of agent links.
 *
 * @param pingInterval how often the Backend pings an Agent (default 15 s, as docs/protocol.md says)
 * @param idleTimeout an Agent from which nothing arrived for this long, pongs included, is
 *     disconnected (default 45 s: three pings unanswered); it reconnects and resumes
 * @param inboundHighWaterBytes an Agent's link stops being read while this much of what it sent
 *     waits for its cluster's hub, and is read again once half of that is taken (default 64 MiB;
 *     {@link InboundGate})
 */
public record LinkSettings(Duration pingInterval, Duration idleTimeout, long inboundHighWaterBytes) {
  /** The default read limit: 64 MiB of frame text waiting for the hub. */
  public static final long DEFAULT_INBOUND_HIGH_WATER = 64L << 20;

  public static final LinkSettings DEFAULTS =
      new LinkSettings(Duration.ofSeconds(15), Duration.ofSeconds(45));

  public LinkSettings {
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (pingInterval.isNegative() || pingInterval.isZero() || idleTimeout.compareTo(pingInterval) <= 0) {
      throw new IllegalArgumentException("pingInterval must be positive and shorter than idleTimeout");
    }
    if (inboundHighWaterBytes <= 0) {
      throw new IllegalArgumentException("inboundHighWaterBytes must be positive, was " + inboundHighWaterBytes);
    }
  }

  /** The given heartbeat with the default read limit. */
  public LinkSettings(Duration pingInterval, Duration idleTimeout) {
    this(pingInterval, idleTimeout, DEFAULT_INBOUND_HIGH_WATER);
  }

  /** These settings with another read limit. */
  public LinkSettings withInboundHighWaterBytes(long bytes) {
    return new LinkSettings(pingInterval, idleTimeout, bytes);
  }
}
