package app.octokube.backend.server;

import app.octokube.backend.stream.ClientSession;
import app.octokube.backend.stream.ClusterRegistry;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.backend.stream.StreamMetrics;
import app.octokube.protocol.Codec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PATH}: where clients open their stream. The handshake is checked in this order, and
 * each refusal is an HTTP status with no body: a foreign {@code Origin} (or none, without a bearer
 * token) gets 403; credentials the {@link Authenticator} refuses get 401; a user already holding
 * {@link StreamLimits#maxConnectionsPerUser()} streams gets 429.
 */
final class ClientEndpoint {
  static final String PATH = "/api/v1/stream";
  private static final Logger log = LoggerFactory.getLogger(ClientEndpoint.class);

  private final Vertx vertx;
  private final OriginPolicy origins;
  private final Authenticator authenticator;
  private final ClusterRegistry registry;
  private final Codec codec;
  private final StreamLimits limits;
  private final StreamMetrics metrics;

  ClientEndpoint(Vertx vertx, OriginPolicy origins, Authenticator authenticator, ClusterRegistry registry,
      Codec codec, StreamLimits limits, StreamMetrics metrics) {
    this.vertx = vertx;
    this.origins = origins;
    this.authenticator = authenticator;
    this.registry = registry;
    this.codec = codec;
    this.limits = limits;
    this.metrics = metrics;
  }

  void handle(ServerWebSocketHandshake handshake) {
    Credentials credentials = Credentials.from(handshake.headers());
    if (!origins.allows(handshake.headers().get(HttpHeaders.ORIGIN), credentials.bearerToken().isPresent())) {
      log.info("stream handshake from {} refused: origin not allowed", handshake.remoteAddress());
      handshake.reject(403);
      return;
    }
    Optional<String> user = authenticator.authenticate(credentials);
    if (user.isEmpty()) {
      log.info("stream handshake from {} refused: not authenticated", handshake.remoteAddress());
      handshake.reject(401);
      return;
    }
    String name = user.get();
    if (!registry.tryOpenStream(name)) {
      log.info("stream handshake from {} refused: too many streams for one user", handshake.remoteAddress());
      handshake.reject(429);
      return;
    }
    handshake.accept()
        .onSuccess(socket -> {
          ClientConnection connection = new ClientConnection(socket, vertx, codec, limits, metrics);
          ClientSession session = registry.newSession(name, connection);
          log.debug("stream {} opened", session.id());
          connection.start(session, () -> registry.streamClosed(name));
        })
        .onFailure(failure -> {
          log.debug("stream handshake failed: {}", failure.getClass().getSimpleName());
          registry.streamClosed(name);
        });
  }
}
