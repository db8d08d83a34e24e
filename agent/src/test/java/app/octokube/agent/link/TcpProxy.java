package app.octokube.agent.link;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, which can turn every connection it carries
 * half-open: stop forwarding in both directions, silently, without closing anything. That is
 * what a dead node or a dropped NAT entry looks like from either end. Connections made after
 * {@link #blackHoleCurrentConnections()} are forwarded normally.
 */
final class TcpProxy implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();

  TcpProxy(Vertx vertx, int targetPort) throws Exception {
    client = vertx.createNetClient();
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
        .connectHandler(inbound -> {
          inbound.pause();
          client.connect(targetPort, "127.0.0.1").onComplete(result -> {
            if (result.failed()) {
              inbound.close();
              return;
            }
            Pair pair = new Pair(inbound, result.result());
            pairs.add(pair);
            inbound.resume();
          });
        });
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  /** Every connection open now stops carrying bytes, both ways, and stays open. */
  void blackHoleCurrentConnections() {
    pairs.forEach(pair -> pair.blackHoled = true);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Pair {
    volatile boolean blackHoled;

    Pair(NetSocket inbound, NetSocket outbound) {
      inbound.handler(data -> forward(data, outbound));
      outbound.handler(data -> forward(data, inbound));
      inbound.closeHandler(v -> outbound.close());
      outbound.closeHandler(v -> inbound.close());
    }

    private void forward(Buffer data, NetSocket to) {
      if (!blackHoled) {
        to.write(data);
      }
    }
  }
}
