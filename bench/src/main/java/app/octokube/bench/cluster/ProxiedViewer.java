package app.octokube.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The baseline's user: what a Headlamp or Lens window does for each view it shows. For every
 * view it lists the collection through the proxy, then watches it from the list's
 * resourceVersion on a WebSocket of its own through the same proxy, and keeps that watch open.
 */
final class ProxiedViewer {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The mock apiserver opens some 50 watches a second; the caller bounds the whole ramp anyway. */
  static final int CONNECT_MILLIS = 240_000;

  private final List<View> views;
  private final BiConsumer<String, Long> onEvent;
  private final AtomicInteger watching = new AtomicInteger();
  private final AtomicInteger events = new AtomicInteger();
  private final List<ClientWebSocket> sockets = new ArrayList<>();

  /**
   * @param onEvent told of every watch event's JSON text and the {@link System#nanoTime()} it
   *     arrived at; called on an event loop
   */
  ProxiedViewer(List<View> views, BiConsumer<String, Long> onEvent) {
    this.views = List.copyOf(views);
    this.onEvent = onEvent;
  }

  /** Lists then watches every view through the proxy at {@code port}; completes when all watch. */
  Future<Void> open(HttpClientAgent http, WebSocketClient webSockets, int port) {
    List<Future<Void>> opened = new ArrayList<>();
    for (View view : views) {
      opened.add(list(http, port, view).compose(version -> watch(webSockets, port, view, version)));
    }
    return Future.all(opened).mapEmpty();
  }

  private static Future<String> list(HttpClientAgent http, int port, View view) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(view.path()).setTimeout(CONNECT_MILLIS);
    return http.request(options).compose(request -> request.send()).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture("list of " + view.path() + " answered " + response.statusCode());
      }
      return response.body().map(body -> resourceVersion(body.toString()));
    });
  }

  private static String resourceVersion(String list) {
    try {
      JsonNode version = JSON.readTree(list).path("metadata").path("resourceVersion");
      return version.isMissingNode() ? "" : version.asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the list is not JSON: " + e.getMessage(), e);
    }
  }

  private Future<Void> watch(WebSocketClient webSockets, int port, View view, String resourceVersion) {
    ClientWebSocket ws = webSockets.webSocket();
    synchronized (sockets) {
      sockets.add(ws);
    }
    ws.textMessageHandler(text -> {
      long now = System.nanoTime();
      events.incrementAndGet();
      onEvent.accept(text, now);
    });
    ws.closeHandler(v -> watching.decrementAndGet());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(view.path() + "?resourceVersion=" + resourceVersion + "&watch=true")
        .setConnectTimeout(CONNECT_MILLIS).setTimeout(CONNECT_MILLIS);
    return ws.connect(options).map(connected -> {
      watching.incrementAndGet();
      return null;
    });
  }

  /** Views whose watch is open now. */
  int watching() {
    return watching.get();
  }

  int events() {
    return events.get();
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (sockets) {
      for (ClientWebSocket ws : sockets) {
        try {
          if (!ws.isClosed()) {
            closing.add(ws.close());
          }
        } catch (IllegalStateException e) {
          // Never connected (the run failed before): nothing to close.
        }
      }
    }
    return Future.join(closing).mapEmpty();
  }
}
