package app.octokube.backend.server;

import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.agents.LinkSettings;
import app.octokube.backend.stream.StreamLimits;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link BackendServer} needs besides its access rules and its authenticator.
 *
 * @param host the address to bind; {@code 0.0.0.0} for every interface, {@code 127.0.0.1} in tests
 * @param port the port to bind; 0 picks a free one ({@link BackendServer#port()} tells which)
 * @param allowedOrigins the web origins whose pages may open client streams, e.g.
 *     {@code https://octokube.example.com}; see {@link OriginPolicy}
 * @param agentTokens the Agents' tokens, one per cluster; they also fix the set of clusters
 * @param limits the client stream and fan-out limits ({@link StreamLimits#DEFAULTS})
 * @param link the agent link heartbeat ({@link LinkSettings#DEFAULTS})
 */
public record BackendConfig(
    String host,
    int port,
    Set<String> allowedOrigins,
    AgentTokens agentTokens,
    StreamLimits limits,
    LinkSettings link) {

  public BackendConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    allowedOrigins = Set.copyOf(allowedOrigins);
    Objects.requireNonNull(agentTokens, "agentTokens");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(link, "link");
  }

  /** A configuration with default limits. */
  public static BackendConfig of(String host, int port, Set<String> allowedOrigins, AgentTokens agentTokens) {
    return new BackendConfig(
        host, port, allowedOrigins, agentTokens, StreamLimits.DEFAULTS, LinkSettings.DEFAULTS);
  }

  public BackendConfig withLimits(StreamLimits newLimits) {
    return new BackendConfig(host, port, allowedOrigins, agentTokens, newLimits, link);
  }

  public BackendConfig withLink(LinkSettings newLink) {
    return new BackendConfig(host, port, allowedOrigins, agentTokens, limits, newLink);
  }
}
