package app.octokube.backend.agents;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PATH}: where Agents connect. The handshake must carry {@code Authorization: Bearer
 * <token>}; the token names the cluster. A missing or unknown token gets HTTP 401 and nothing
 * else: no body, no hint whether the cluster exists. The token itself is never logged.
 */
public final class AgentEndpoint {
  public static final String PATH = "/agent/v1/connect";
  private static final Logger log = LoggerFactory.getLogger(AgentEndpoint.class);
  private static final String BEARER = "Bearer ";

  private final AgentTokens tokens;
  private final Function<ClusterId, ClusterLink> links;
  private final Codec codec;
  private final LinkSettings settings;
  private final LinkMetrics metrics;

  /** @param links the link of each cluster that has a token */
  public AgentEndpoint(AgentTokens tokens, Function<ClusterId, ClusterLink> links, Codec codec,
      LinkSettings settings, LinkMetrics metrics) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.links = Objects.requireNonNull(links, "links");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Authenticates a handshake to {@value #PATH} and accepts or refuses it. */
  public void handle(ServerWebSocketHandshake handshake) {
    String token = bearerToken(handshake.headers().get(HttpHeaders.AUTHORIZATION));
    Optional<ClusterLink> link = tokens.authenticate(token).map(links);
    if (link.isEmpty()) {
      log.warn("agent handshake from {} refused: missing or unknown token", handshake.remoteAddress());
      handshake.reject(401);
      return;
    }
    ClusterLink target = link.get();
    handshake.accept()
        .onSuccess(socket -> new AgentConnection(socket, target, codec, settings, metrics).start())
        .onFailure(failure -> log.warn("cluster {}: agent handshake failed: {}",
            target.cluster(), failure.getClass().getSimpleName()));
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  static String bearerToken(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }
}
