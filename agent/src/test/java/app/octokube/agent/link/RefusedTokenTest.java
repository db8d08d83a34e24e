package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.protocol.Codec;
import app.octokube.protocol.link.AgentHello;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the link does when the Backend answers its handshake with 401. */
class RefusedTokenTest {
  private final Codec codec = new Codec();
  private final ExecutorService streamer = Executors.newCachedThreadPool();
  private final Vertx vertx = Vertx.vertx();
  private final ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, codec::encode, streamer);
  private FakeBackend backend;
  private AgentLink link;

  @AfterEach
  void stopEverything() throws Exception {
    if (link != null) {
      link.close().get(10, TimeUnit.SECONDS);
    }
    queue.close();
    if (backend != null) {
      backend.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    streamer.shutdownNow();
  }

  @Test
  void aRefusedTokenIsRetriedWithTheSlowBackoffAndNeverLogged() throws Exception {
    backend = FakeBackend.start(vertx);
    backend.acceptOnly("the-token-the-backend-expects");
    LinkConfig config = LinkConfig.of(backend.url()).withRetries(
        new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1)),
        new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(50)),
        Duration.ofSeconds(1));
    try (LogCapture logs = new LogCapture()) {
      link = new AgentLink(vertx, queue, codec, config, AgentToken.of(FakeBackend.TOKEN));
      link.start();
      Thread.sleep(1_000);

      // The slow policy waits 25 ms on average; the 1 ms one would have made hundreds of tries.
      assertThat(backend.refusedHandshakes()).isBetween(3, 100);
      assertThat(backend.connectionCount()).isZero();
      assertThat(link.status().connected()).isFalse();
      assertThat(link.status().lastError()).contains("the Backend refused this agent's token");
      assertThat(logs.lines()).anySatisfy(
          line -> assertThat(line).contains("the Backend refused this agent's token"));
      assertThat(logs.lines()).noneSatisfy(
          line -> assertThat(line).contains(FakeBackend.TOKEN));
    }

    backend.acceptOnly(FakeBackend.TOKEN);
    backend.connection(1).next(AgentHello.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> link.status().connected());
  }
}
