package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.client.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's share of a stalled client is bounded: on the native transport every connection gets
 * {@link StreamLimits#socketUnsentBytes()}, so a client that stops reading pushes back and its
 * deltas start to merge before the kernel has taken the megabytes it lets a send buffer grow to.
 * Runs on Linux, as CI does; elsewhere the native transport is absent.
 */
class UnsentBoundTest {
  private static final long HIGH_WATER = 64 * 1024;
  private static final String BIG = "x".repeat(16 * 1024);

  private TestBackend backend;
  private FakeAgent agent;

  @BeforeEach
  void start() {
    backend = new TestBackend(StreamLimits.DEFAULTS.withWriteHighWaterBytes(HIGH_WATER), "stalled");
    assumeThat(backend.server.vertx().isNativeTransportEnabled())
        .as("Netty's native transport (Linux only): %s", backend.server.vertx().unavailableNativeTransportCause())
        .isTrue();
    backend.access.grant("stalled", TestAccess.Grant.of("c1", Set.of("*"), Set.of("pods")));
    agent = backend.agent("c1", "pods").connect();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void everyConnectionIsBounded() {
    subscribed();

    // The Agent's link and the client's stream.
    assertThat(backend.server.meters().get("octokube.connections.unsent.bounded").counter().count())
        .isEqualTo(2);
  }

  @Test
  void aClientThatStopsReadingIsQueuedForWithoutFillingTheKernelFirst() {
    TestClient stalled = subscribed();
    stalled.socket().pause();

    // 16 KiB changes until a quarter-megabyte waits for the client, which only a socket that
    // pushed back makes wait (a reader that keeps up has at most one event-loop turn's deltas queued).
    double before = deltasIn();
    for (int i = 1; i <= 2000 && queuedBytes() <= 256 * 1024; i++) {
      agent.upsert("pods", "ns/p-" + (i % 50), Map.of(), "{\"metadata\":{\"name\":\"p-" + (i % 50)
          + "\"},\"data\":\"" + BIG + "\"}");
      if (i % 5 == 0) {
        // At the pace the Backend takes them, so that it is the client's socket that falls behind.
        double sent = before + i;
        await().atMost(Duration.ofSeconds(10)).until(() -> deltasIn() >= sent);
      }
    }

    assertThat(queuedBytes()).as("bytes queued for the stalled client").isGreaterThan(256 * 1024);
    // The client's read-ahead and receive buffer (about 1.2 MB here), the bounded unsent bytes and
    // the high-water mark: 1.7 MB measured; unbounded, Linux grows the send buffer to tcp_wmem's
    // maximum (4 MiB by default) first, and 5.5 MB were written.
    assertThat(bytesWritten()).as("bytes written to the stalled client's socket").isLessThan(3 << 20);
  }

  private TestClient subscribed() {
    TestClient client = backend.client("stalled");
    client.hello();
    client.subscribe("c1", "pods");
    client.awaitMessage(Snapshot.class, snapshot -> true);
    return client;
  }

  private long queuedBytes() {
    return backend.server.registry().sessions().stream()
        .mapToLong(session -> session.outbox().queuedBytes())
        .sum();
  }

  private double deltasIn() {
    return backend.server.meters().get("octokube.agent.deltas.in").counter().count();
  }

  private double bytesWritten() {
    return backend.server.meters().get("octokube.traffic.out").tag("link", "client").counter().count();
  }
}
