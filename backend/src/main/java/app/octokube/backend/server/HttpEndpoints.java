package app.octokube.backend.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/**
 * The plain HTTP endpoints: {@code /healthz} (the process is up), {@code /readyz} (the server is
 * listening and accepts streams) and {@code /metrics} (Prometheus text format). None needs
 * authentication, so none names a cluster or a user.
 */
final class HttpEndpoints {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final PrometheusMeterRegistry meters;
  private final BooleanSupplier ready;
  private final Handler<HttpServerRequest> pages;

  /** @param pages answers every other path: the sign-in API and the Web IDE's files */
  HttpEndpoints(PrometheusMeterRegistry meters, BooleanSupplier ready, Handler<HttpServerRequest> pages) {
    this.meters = meters;
    this.ready = ready;
    this.pages = pages;
  }

  void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/healthz" -> request.response().putHeader("content-type", TEXT).end("ok\n");
      case "/readyz" -> {
        boolean up = ready.getAsBoolean();
        request.response().setStatusCode(up ? 200 : 503).putHeader("content-type", TEXT)
            .end(up ? "ready\n" : "starting\n");
      }
      case "/metrics" -> request.response()
          .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(meters.scrape());
      default -> pages.handle(request);
    }
  }
}
