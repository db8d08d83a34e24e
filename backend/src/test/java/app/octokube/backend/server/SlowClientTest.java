package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlowClientTest {
  private static final long BUDGET = 256 * 1024;
  private static final String BIG = "x".repeat(16 * 1024);

  private TestBackend backend;
  private FakeAgent agent;

  @BeforeEach
  void start() {
    backend = new TestBackend(StreamLimits.DEFAULTS.withClientBufferBytes(BUDGET).withWriteHighWaterBytes(64 * 1024),
        "slow", "fast");
    backend.access
        .grant("slow", TestAccess.Grant.of("c1", Set.of("*"), Set.of("pods")))
        .grant("fast", TestAccess.Grant.of("c1", Set.of("*"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aClientThatStopsReadingCostsBoundedMemoryWhileOthersReceiveEveryVersion() {
    TestClient slow = subscribed("slow");
    TestClient fast = subscribed("fast");
    slow.socket().pause();
    AtomicLong mostQueued = new AtomicLong();
    long last = 0;
    for (int i = 0; i < 2000; i++) {
      last = agent.upsert("pods", "ns/p-" + (i % 50), Map.of(), "{\"metadata\":{\"name\":\"p-" + (i % 50)
          + "\"},\"data\":\"" + BIG + "\"}");
      if (i % 5 == 4) {
        // The Agent goes at the pace of a reader that keeps up; only the paused one falls behind.
        fast.awaitDeltaTo(last);
        mostQueued.accumulateAndGet(queuedBytesOf("slow"), Math::max);
      }
    }
    long end = last;
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> ClientState.replay(fast.messages(), "c1", "pods").local() == end);

    assertThat(ClientState.replay(fast.messages(), "c1", "pods").gaps()).isEmpty();
    assertThat(fast.snapshots()).hasSize(1);
    assertThat(mostQueued.get()).isPositive().isLessThanOrEqualTo(BUDGET);
    assertThat(overflows()).isGreaterThanOrEqualTo(1);
    // The socket buffers may take a repair snapshot before the client stops for good; a client that
    // then keeps overflowing is closed, which is the policy too.
    assertThat(slow.closeStatus()).isIn(null, (short) CloseCode.SLOW_CONSUMER.code());
  }

  @Test
  void aSlowClientThatReadsAgainIsRepairedWithAFreshSnapshot() {
    TestClient slow = subscribed("slow");
    slow.socket().pause();
    long last = 0;
    for (int i = 0; i < 20_000 && overflows() == 0; i++) {
      last = agent.upsert("pods", "ns/p-" + (i % 50), Map.of(), "{\"metadata\":{\"name\":\"p-" + (i % 50)
          + "\"},\"data\":\"" + BIG + "\"}");
    }
    assertThat(overflows()).isEqualTo(1);

    slow.socket().resume();

    long end = last;
    await().atMost(Duration.ofSeconds(30)).until(() -> ClientState.replay(slow.messages(), "c1", "pods").local() >= end);
    assertThat(slow.snapshots()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(ClientState.replay(slow.messages(), "c1", "pods").names()).isEqualTo(agent.names("pods", Set.of("ns")));
  }

  private double overflows() {
    return backend.server.meters().get("octokube.client.overflows").counter().count();
  }

  private TestClient subscribed(String user) {
    TestClient client = backend.client(user);
    client.hello();
    client.subscribe("c1", "pods");
    client.awaitMessage(Snapshot.class, snapshot -> true);
    return client;
  }

  private long queuedBytesOf(String user) {
    return backend.server.registry().sessions().stream()
        .filter(session -> session.user().equals(user))
        .mapToLong(session -> session.outbox().peakQueuedBytes())
        .max().orElse(0);
  }

}
