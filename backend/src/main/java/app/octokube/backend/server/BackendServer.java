package app.octokube.backend.server;

import app.octokube.backend.agents.AgentEndpoint;
import app.octokube.backend.stream.AccessResolver;
import app.octokube.backend.stream.ClusterRegistry;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.backend.stream.StreamMetrics;
import app.octokube.protocol.Codec;
import app.octokube.protocol.CodecLimits;
import app.octokube.protocol.FrameLimits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backend on one Vert.x HTTP server: {@code /agent/v1/connect} for Agents,
 * {@code /api/v1/stream} for clients, and {@code /healthz}, {@code /readyz}, {@code /metrics}.
 *
 * <pre>{@code
 * BackendServer server = BackendServer.start(
 *     BackendConfig.of("0.0.0.0", 8080, Set.of("https://octokube.example.com"), agentTokens),
 *     accessResolver, authenticator).toCompletionStage().toCompletableFuture().join();
 * ...
 * server.registry().accessChanged();   // after a policy reload or at a schedule boundary
 * server.stop();
 * }</pre>
 *
 * <p>WebSocket frames are accepted up to the Agent link's frame limit
 * ({@link CodecLimits#AGENT_MESSAGES}, 16 MiB) at the transport; client streams apply their own,
 * smaller limit as they read ({@code StreamLimits.maxRequestBytes}).
 */
public final class BackendServer {
  private static final Logger log = LoggerFactory.getLogger(BackendServer.class);

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpServer http;
  private final ClusterRegistry registry;
  private final PrometheusMeterRegistry meters;
  private final StreamMetrics metrics;

  private BackendServer(Vertx vertx, boolean ownsVertx, HttpServer http, ClusterRegistry registry,
      PrometheusMeterRegistry meters, StreamMetrics metrics) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.http = http;
    this.registry = registry;
    this.meters = meters;
    this.metrics = metrics;
  }

  /** Starts a Backend on a Vert.x instance of its own, which {@link #stop()} closes. */
  public static Future<BackendServer> start(
      BackendConfig config, AccessResolver resolver, Authenticator authenticator) {
    return start(newVertx(), true, config, resolver, authenticator, NOT_FOUND);
  }

  /**
   * A Vert.x for a Backend: on Netty's native transport where it loads (Linux on x86-64 and
   * arm64), which can bound what the kernel holds unsent for a client
   * ({@link StreamLimits#socketUnsentBytes()}); on Java NIO elsewhere.
   */
  public static Vertx newVertx() {
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  /** Starts a Backend on a caller's Vert.x instance, which {@link #stop()} leaves running. */
  public static Future<BackendServer> start(
      Vertx vertx, BackendConfig config, AccessResolver resolver, Authenticator authenticator) {
    return start(vertx, false, config, resolver, authenticator, NOT_FOUND);
  }

  /**
   * Starts a Backend on a caller's Vert.x instance that also answers plain HTTP requests outside
   * its own endpoints with {@code pages} (the sign-in API and the Web IDE).
   */
  public static Future<BackendServer> start(Vertx vertx, BackendConfig config, AccessResolver resolver,
      Authenticator authenticator, Handler<HttpServerRequest> pages) {
    return start(vertx, false, config, resolver, authenticator, Objects.requireNonNull(pages, "pages"));
  }

  private static final Handler<HttpServerRequest> NOT_FOUND =
      request -> request.response().setStatusCode(404).end();

  private static Future<BackendServer> start(Vertx vertx, boolean ownsVertx, BackendConfig config,
      AccessResolver resolver, Authenticator authenticator, Handler<HttpServerRequest> pages) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(authenticator, "authenticator");
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StreamMetrics metrics = new StreamMetrics(meters);
    Codec codec = new Codec(CodecLimits.DEFAULTS.withClientRequests(
        new FrameLimits(config.limits().maxRequestBytes(), CodecLimits.CLIENT_REQUESTS.maxDepth())));
    Future<BackendServer> started = ClusterRegistry.start(vertx, config.agentTokens().clusters(), resolver, codec,
            config.limits(), metrics, Clock.systemUTC())
        .compose(registry -> {
          AgentEndpoint agents = new AgentEndpoint(config.agentTokens(), registry::link, codec, config.link(), metrics);
          ClientEndpoint clients = new ClientEndpoint(vertx, new OriginPolicy(config.allowedOrigins()), authenticator,
              registry, codec, config.limits(), metrics);
          int frameLimit = Math.max(CodecLimits.AGENT_MESSAGES.maxBytes(), config.limits().maxRequestBytes());
          HttpServerOptions options = new HttpServerOptions()
              .setHost(config.host())
              .setPort(config.port())
              .setMaxWebSocketFrameSize(frameLimit)
              .setMaxWebSocketMessageSize(frameLimit)
              .setRegisterWebSocketWriteHandlers(false);
          HttpServer http = vertx.createHttpServer(options);
          boolean[] listening = {false};
          HttpEndpoints endpoints = new HttpEndpoints(meters, () -> listening[0], pages);
          http.requestHandler(endpoints::handle);
          http.webSocketHandshakeHandler(handshake -> route(handshake, agents, clients));
          int unsent = config.limits().socketUnsentBytes();
          http.connectionHandler(connection -> {
            if (UnsentBound.apply(connection, unsent)) {
              metrics.socketBounded();
            }
          });
          return http.listen().map(bound -> {
            listening[0] = true;
            log.info("backend listening on {}:{} for {} clusters", config.host(), bound.actualPort(),
                config.agentTokens().clusters().size());
            if (vertx.isNativeTransportEnabled()) {
              log.info("native transport: the kernel holds at most {} bytes unsent per connection", unsent);
            } else {
              log.info("Java NIO transport ({}): a client that stops reading fills its kernel send buffer "
                  + "before the Backend starts merging its deltas",
                  whyNotNative(vertx.unavailableNativeTransportCause()));
            }
            return new BackendServer(vertx, ownsVertx, bound, registry, meters, metrics);
          });
        });
    // A Vert.x the server started is closed on failure; not awaited, since the callback runs on
    // one of its event loops.
    return started.onFailure(failure -> {
      if (ownsVertx) {
        vertx.close();
      }
    });
  }

  private static String whyNotNative(Throwable cause) {
    return cause == null ? "the native transport was not asked for"
        : "the native transport did not load: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static void route(ServerWebSocketHandshake handshake, AgentEndpoint agents, ClientEndpoint clients) {
    switch (handshake.path()) {
      case AgentEndpoint.PATH -> agents.handle(handshake);
      case ClientEndpoint.PATH -> clients.handle(handshake);
      default -> handshake.reject(404);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return http.actualPort();
  }

  /** The clusters, their hubs and the connected streams; {@code accessChanged} lives here. */
  public ClusterRegistry registry() {
    return registry;
  }

  public StreamMetrics metrics() {
    return metrics;
  }

  /** The Prometheus registry behind {@code /metrics}. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops listening and closes every connection; closes Vert.x too if the server started it, in
   * which case the caller must not be a Vert.x thread (closing Vert.x stops the event loops that
   * would complete the future).
   */
  public Future<Void> stop() {
    registry.stop();
    return ownsVertx ? vertx.close() : http.close();
  }
}
