package app.octokube.backend.server;

import io.netty.channel.epoll.EpollSocketChannel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Bounds the bytes the kernel holds unsent on an accepted connection ({@code TCP_NOTSENT_LOWAT};
 * see {@link app.octokube.backend.stream.StreamLimits#socketUnsentBytes()}), so that a client that
 * stops reading pushes back on the Backend within a few hundred kilobytes instead of megabytes.
 *
 * <p>Java NIO cannot set this option; Netty's native epoll transport can, so it applies when the
 * Backend's Vert.x runs on it ({@link BackendServer#newVertx()}). Vert.x hands a
 * connection out as an {@link HttpConnection}; its Netty channel is reached through Vert.x's
 * {@link ConnectionBase}, which every TCP connection of Vert.x 5 extends.
 */
final class UnsentBound {
  private UnsentBound() {}

  /** Sets the bound on {@code connection}; returns false where the transport cannot. */
  static boolean apply(HttpConnection connection, int bytes) {
    if (connection instanceof ConnectionBase base && base.channel() instanceof EpollSocketChannel channel) {
      channel.config().setTcpNotSentLowAt(bytes);
      return true;
    }
    return false;
  }
}
