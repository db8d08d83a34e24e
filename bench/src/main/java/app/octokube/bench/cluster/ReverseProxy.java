package app.octokube.bench.cluster;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plain HTTP and WebSocket reverse proxy on 127.0.0.1 that counts what passes through it. The
 * benchmarks use it twice:
 *
 * <ul>
 *   <li>as a <em>meter</em> right in front of the simulated apiserver, which every viewer of the
 *       cluster (the Agent, or the baseline's proxy) goes through, so that lists, watches, open
 *       watches and bytes are counted where the apiserver would feel them;
 *   <li>as the <em>baseline</em>: what Headlamp's backend (and Lens's local proxy) do for every
 *       browser view, forwarding each user's list and each user's watch to the apiserver as a
 *       request and a watch of its own.
 * </ul>
 *
 * <p>Requests are forwarded as they come, one upstream request per downstream request and one
 * upstream WebSocket per downstream WebSocket (the fabric8 mock apiserver serves watches only as
 * WebSockets, as the real apiserver does for browsers). Nothing is cached or shared: that is the
 * behaviour being measured.
 */
final class ReverseProxy implements AutoCloseable {
  /** Headers that describe one hop and are never forwarded (RFC 9110 §7.6.1, plus the WebSocket handshake). */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length",
      "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");
  /** A watch replays every object when it opens; a list of 150,000 pods is a few hundred MiB. */
  private static final int MAX_MESSAGE_BYTES = 512 << 20;
  private static final int TIMEOUT_MILLIS = ProxiedViewer.CONNECT_MILLIS;

  private final HttpServer server;
  private final HttpClientAgent http;
  private final WebSocketClient webSockets;
  private final ApiCounters counters = new ApiCounters();
  private final String upstreamHost;
  private final int upstreamPort;

  private ReverseProxy(Vertx vertx, URI upstream) {
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    // One pooled connection per concurrent list is what a proxy under load opens; the pool only
    // bounds it so that a storm of lists queues rather than exhausting file descriptors.
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(TIMEOUT_MILLIS).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(100_000)
        .setMaxMessageSize(MAX_MESSAGE_BYTES)
        .setMaxFrameSize(MAX_MESSAGE_BYTES)
        .setConnectTimeout(TIMEOUT_MILLIS));
    this.server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES)
        .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES));
  }

  /**
   * Starts a proxy to {@code upstream} ({@code http://host:port}) on a free loopback port.
   *
   * @throws IllegalStateException if it cannot bind within 10 s
   */
  static ReverseProxy start(Vertx vertx, String upstream) {
    ReverseProxy proxy = new ReverseProxy(vertx, URI.create(upstream));
    proxy.server
        .requestHandler(proxy::forwardRequest)
        .webSocketHandshakeHandler(proxy::forwardWebSocket)
        .webSocketHandler(ws -> { });
    try {
      proxy.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      proxy.close();
      throw new IllegalStateException("the proxy to " + upstream + " did not start", e);
    }
    return proxy;
  }

  /** The proxy's base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  int port() {
    return server.actualPort();
  }

  ApiCounters counters() {
    return counters;
  }

  private void forwardRequest(HttpServerRequest request) {
    counters.request(request.method().name(), request.uri());
    request.pause();
    RequestOptions options = new RequestOptions()
        .setMethod(request.method()).setHost(upstreamHost).setPort(upstreamPort).setURI(request.uri())
        .setHeaders(forwardable(request.headers())).setTimeout(TIMEOUT_MILLIS);
    http.request(options)
        .compose(upstream -> {
          request.resume();
          return request.body().compose(upstream::send);
        })
        .onSuccess(response -> response.body().onComplete(body -> {
          if (body.failed()) {
            fail(request, body.cause());
            return;
          }
          Buffer bytes = body.result();
          counters.served(bytes.length());
          request.response().setStatusCode(response.statusCode()).headers().addAll(forwardable(response.headers()));
          request.response().end(bytes);
        }))
        .onFailure(e -> fail(request, e));
  }

  private static void fail(HttpServerRequest request, Throwable cause) {
    if (!request.response().ended()) {
      request.response().setStatusCode(502).end("upstream failed: " + cause);
    }
  }

  private void forwardWebSocket(ServerWebSocketHandshake handshake) {
    counters.request(HttpMethod.GET.name(), handshake.uri());
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(upstreamHost).setPort(upstreamPort).setURI(handshake.uri())
        .setHeaders(forwardable(handshake.headers())).setConnectTimeout(TIMEOUT_MILLIS)
        .setTimeout(TIMEOUT_MILLIS);
    String protocols = handshake.headers().get("Sec-WebSocket-Protocol");
    if (protocols != null) {
      options.setSubProtocols(List.of(protocols.split("\\s*,\\s*")));
    }
    webSockets.connect(options).onComplete(connected -> {
      if (connected.failed()) {
        handshake.reject(502);
        return;
      }
      WebSocket upstream = connected.result();
      // Held until the downstream socket exists: a watch replays every object at once.
      upstream.pause();
      handshake.accept().onComplete(accepted -> {
        if (accepted.failed()) {
          upstream.close();
          return;
        }
        pipe(upstream, accepted.result());
      });
    });
  }

  private void pipe(WebSocket upstream, ServerWebSocket downstream) {
    counters.watchOpened();
    // The two sockets may live on different event loops; whichever closes first counts.
    AtomicBoolean closed = new AtomicBoolean();
    Runnable closeBoth = () -> {
      if (closed.compareAndSet(false, true)) {
        counters.watchClosed();
      }
      if (!upstream.isClosed()) {
        upstream.close();
      }
      if (!downstream.isClosed()) {
        downstream.close();
      }
    };
    upstream.textMessageHandler(text -> {
      counters.served(text.length());
      downstream.writeTextMessage(text);
    });
    upstream.binaryMessageHandler(bytes -> {
      counters.served(bytes.length());
      downstream.writeBinaryMessage(bytes);
    });
    downstream.textMessageHandler(upstream::writeTextMessage);
    downstream.binaryMessageHandler(upstream::writeBinaryMessage);
    upstream.closeHandler(v -> closeBoth.run());
    downstream.closeHandler(v -> closeBoth.run());
    // A reset connection is a close like any other here; the close handler counts it.
    upstream.exceptionHandler(e -> closeBoth.run());
    downstream.exceptionHandler(e -> closeBoth.run());
    upstream.resume();
  }

  private static MultiMap forwardable(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        copy.add(name, value);
      }
    });
    return copy;
  }

  @Override
  public void close() {
    Waits.quietly(server.close());
    Waits.quietly(webSockets.close());
    Waits.quietly(http.close());
  }
}
