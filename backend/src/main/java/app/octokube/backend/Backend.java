package app.octokube.backend;

import app.octokube.backend.auth.AccessScheduler;
import app.octokube.backend.auth.PolicyAccessResolver;
import app.octokube.backend.auth.PolicyFile;
import app.octokube.backend.auth.SessionEndpoint;
import app.octokube.backend.auth.SessionStore;
import app.octokube.backend.server.BackendConfig;
import app.octokube.backend.server.BackendServer;
import app.octokube.backend.server.OriginPolicy;
import app.octokube.backend.web.WebRoot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Backend with everything a team uses: the streams and agent links of
 * {@link BackendServer}, Virtual RBAC from a watched policy file, schedule boundaries acted on to
 * the second, sign-in sessions and API tokens, and the Web IDE. The one place these parts are
 * put together, for {@code octokube backend}, {@code up} and {@code demo} alike.
 */
public final class Backend implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);
  /** Abandoned sessions are forgotten every ten minutes. */
  private static final long SWEEP_MILLIS = 10 * 60 * 1000;

  private final BackendServer server;
  private final PolicyFile policy;
  private final AccessScheduler scheduler;
  private final Vertx vertx;
  private final long sweeper;

  private Backend(BackendServer server, PolicyFile policy, AccessScheduler scheduler, Vertx vertx, long sweeper) {
    this.server = server;
    this.policy = policy;
    this.scheduler = scheduler;
    this.vertx = vertx;
    this.sweeper = sweeper;
  }

  /**
   * Starts a Backend on {@code vertx} (not closed by {@link #close()}); made by
   * {@link BackendServer#newVertx()} unless the caller has reasons of its own.
   *
   * @param policy the loaded, watched policy file
   * @param demoMode accept the demo's well-known credentials, and say so to the IDE
   */
  public static Backend start(Vertx vertx, BackendConfig config, PolicyFile policy, boolean demoMode) throws Exception {
    SessionStore sessions = SessionStore.withDefaults();
    OriginPolicy origins = new OriginPolicy(config.allowedOrigins());
    BackendServer[] started = new BackendServer[1];
    SessionEndpoint signIn = new SessionEndpoint(policy.holder(), sessions, origin -> origins.allows(origin, false),
        user -> {
          if (started[0] != null) {
            started[0].registry().endSessions(user);
          }
        },
        demoMode, Clock.systemUTC());
    WebRoot ide = new WebRoot();
    if (!ide.present()) {
      log.warn("the Web IDE is not on the classpath: only the API is served (build the web module)");
    }
    BackendServer server = BackendServer.start(vertx, config, new PolicyAccessResolver(policy.holder()),
            signIn.authenticator(), request -> route(request, signIn, ide))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    started[0] = server;
    AccessScheduler scheduler = new AccessScheduler(vertx, policy.holder(),
        () -> server.registry().accessChanged(), Clock.systemUTC());
    scheduler.start();
    long sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> sessions.sweep());
    return new Backend(server, policy, scheduler, vertx, sweeper);
  }

  private static void route(HttpServerRequest request, SessionEndpoint signIn, WebRoot ide) {
    if (request.path().equals(SessionEndpoint.PATH)) {
      signIn.handle(request);
    } else {
      ide.handle(request);
    }
  }

  public BackendServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  public PolicyFile policy() {
    return policy;
  }

  @Override
  public void close() throws Exception {
    vertx.cancelTimer(sweeper);
    scheduler.close();
    policy.close();
    server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
