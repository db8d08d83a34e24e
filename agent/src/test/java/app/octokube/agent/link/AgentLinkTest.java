package app.octokube.agent.link;

import static app.octokube.agent.link.LinkFixtures.PODS;
import static app.octokube.agent.link.LinkFixtures.applyOne;
import static app.octokube.agent.link.LinkFixtures.filler;
import static app.octokube.agent.link.LinkFixtures.pod;
import static app.octokube.agent.link.LinkFixtures.relistPods;
import static app.octokube.agent.link.LinkFixtures.settled;
import static app.octokube.agent.link.LinkFixtures.upsert;
import static app.octokube.agent.link.LinkFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.AgentError;
import app.octokube.protocol.link.AgentHello;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import app.octokube.protocol.link.SnapshotChunk;
import app.octokube.protocol.link.SnapshotItem;
import app.octokube.protocol.link.SnapshotRequest;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link against a real WebSocket server on 127.0.0.1 playing the Backend. */
class AgentLinkTest {
  private final Codec codec = new Codec();
  private final ExecutorService streamer = Executors.newCachedThreadPool();
  private final Vertx agentVertx = Vertx.vertx();
  private final Vertx backendVertx = Vertx.vertx();
  private FakeBackend backend;
  private ExecutionQueue queue;
  private AgentLink link;

  @BeforeEach
  void startBackend() throws Exception {
    backend = FakeBackend.start(backendVertx);
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (link != null) {
      link.close().get(10, TimeUnit.SECONDS);
    }
    if (queue != null) {
      queue.close();
    }
    backend.close();
    agentVertx.close().await(10, TimeUnit.SECONDS);
    backendVertx.close().await(10, TimeUnit.SECONDS);
    streamer.shutdownNow();
  }

  private ExecutionQueue newQueue(QueueConfig config) {
    queue = new ExecutionQueue(config, codec::encode, streamer);
    return queue;
  }

  /**
   * Retries in tens of milliseconds, so that every test is quick; a heartbeat timeout of seconds,
   * so that a loaded machine's slow pong is not taken for a half-open link.
   */
  private static LinkConfig fast(String url) {
    return LinkConfig.of(url)
        .withHeartbeat(Duration.ofMillis(50), Duration.ofSeconds(3))
        .withRetries(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100)),
            new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(1));
  }

  private AgentLink startLink(LinkConfig config) {
    link = new AgentLink(agentVertx, queue, codec, config, AgentToken.of(FakeBackend.TOKEN));
    link.start();
    return link;
  }

  /** Connects, reads the hello and resumes right after it, so deltas flow. */
  private FakeBackend.Connection connectAndResume(int n) throws Exception {
    FakeBackend.Connection connection = backend.connection(n);
    AgentHello hello = connection.next(AgentHello.class);
    connection.send(new ResumeRequest(hello.epoch(), hello.version()));
    connection.next(ResumeAccepted.class);
    return connection;
  }

  @Test
  void connectsWithTheBearerTokenThenSendsHelloAndDeltasInVersionOrder() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods(pod("a/p0", "v0")));
    long start = applyOne(queue, upsert("a/p0", "v1"));
    startLink(fast(backend.url()));

    FakeBackend.Connection connection = backend.connection(1);
    AgentHello hello = connection.next(AgentHello.class);
    assertThat(backend.authorizations()).containsExactly("Bearer " + FakeBackend.TOKEN);
    assertThat(hello.epoch()).isEqualTo(queue.epoch());
    assertThat(hello.version().value()).isEqualTo(start);
    assertThat(hello.resources()).containsExactly(PODS);
    assertThat(hello.agentVersion()).isNotBlank();

    connection.send(new ResumeRequest(hello.epoch(), hello.version()));
    assertThat(connection.next(ResumeAccepted.class).after()).isEqualTo(hello.version());
    for (int i = 0; i < 50; i++) {
      queue.submit(upsert("a/p" + i, "v" + i));
    }
    List<AgentDelta> deltas = connection.deltasThrough(start, settled(queue));
    assertThat(deltas).extracting(AgentDelta::epoch).containsOnly(queue.epoch());
    assertThat(link.status().connected()).isTrue();
    assertThat(link.status().deltasSent()).isEqualTo(deltas.size());
  }

  @Test
  void holdsDeltasUntilTheBackendAnswersTheHello() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    AgentHello hello = connection.next(AgentHello.class);

    applyOne(queue, upsert("a/p1", "v1"));
    connection.assertQuietFor(200);

    connection.send(new ResumeRequest(hello.epoch(), hello.version()));
    connection.next(ResumeAccepted.class);
    connection.deltasThrough(hello.version().value(), version(queue));
  }

  @Test
  void resumesAfterADropWithExactlyTheMissingVersionsThenLiveOnes() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    startLink(fast(backend.url()));
    FakeBackend.Connection first = connectAndResume(1);
    for (int i = 0; i < 10; i++) {
      queue.submit(upsert("a/p" + i, "first"));
    }
    long lastReceived = settled(queue);
    first.deltasThrough(0, lastReceived);

    first.close();
    for (int i = 0; i < 10; i++) {
      queue.submit(upsert("a/p" + i, "during-the-drop"));
    }
    long atReconnect = settled(queue);

    FakeBackend.Connection second = backend.connection(2);
    AgentHello hello = second.next(AgentHello.class);
    assertThat(hello.epoch()).isEqualTo(queue.epoch());
    assertThat(hello.version().value()).isGreaterThanOrEqualTo(atReconnect);
    second.send(new ResumeRequest(queue.epoch(), Version.of(lastReceived)));
    assertThat(second.next(ResumeAccepted.class).after().value()).isEqualTo(lastReceived);
    for (int i = 0; i < 10; i++) {
      queue.submit(upsert("a/p" + i, "after-the-drop"));
    }
    long last = settled(queue);
    second.deltasThrough(lastReceived, last);
    second.assertQuietFor(100);
    assertThat(link.status().connects()).isEqualTo(2);
  }

  @Test
  void aResumeTheReplayLogCannotServeIsAnsweredTooOldThenSnapshotsAreServed() throws Exception {
    newQueue(QueueConfig.DEFAULTS.withReplay(2, 1 << 20).withSnapshotChunks(2, 1 << 20));
    queue.submit(relistPods(pod("a/p0", "v0"), pod("a/p1", "v0"), pod("a/p2", "v0")));
    for (int i = 0; i < 5; i++) {
      applyOne(queue, upsert("a/p" + i, "v1"));
    }
    long current = version(queue);
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    AgentHello hello = connection.next(AgentHello.class);
    assertThat(hello.oldestReplayable().value()).isEqualTo(current - 2);

    connection.send(new ResumeRequest(queue.epoch(), Version.of(1)));
    ResumeTooOld tooOld = connection.next(ResumeTooOld.class);
    assertThat(tooOld.epoch()).isEqualTo(queue.epoch());
    assertThat(tooOld.requested().value()).isEqualTo(1);
    assertThat(tooOld.oldestReplayable().value()).isEqualTo(current - 2);

    connection.send(new SnapshotRequest("req-1", PODS));
    List<SnapshotChunk> chunks = new ArrayList<>();
    do {
      chunks.add(connection.next(SnapshotChunk.class));
    } while (!chunks.get(chunks.size() - 1).last());
    assertThat(chunks).hasSize(3);
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.requestId()).isEqualTo("req-1");
      assertThat(chunk.resource()).isEqualTo(PODS);
      assertThat(chunk.epoch()).isEqualTo(queue.epoch());
      assertThat(chunk.version().value()).isEqualTo(current);
    });
    assertThat(chunks).extracting(SnapshotChunk::last).containsExactly(false, false, true);
    assertThat(chunks.stream().flatMap(c -> c.items().stream()).map(SnapshotItem::key))
        .containsExactlyInAnyOrder(ObjectKey.of("a/p0"), ObjectKey.of("a/p1"),
            ObjectKey.of("a/p2"), ObjectKey.of("a/p3"), ObjectKey.of("a/p4"));
  }

  @Test
  void aResumeOfAnotherEpochIsAnsweredTooOld() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    applyOne(queue, upsert("a/p1", "v1"));
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    connection.next(AgentHello.class);

    Epoch previous = Epoch.random();
    connection.send(new ResumeRequest(previous, Version.of(1)));
    ResumeTooOld tooOld = connection.next(ResumeTooOld.class);
    assertThat(tooOld.epoch()).isEqualTo(queue.epoch());
    assertThat(tooOld.requested().value()).isEqualTo(1);
  }

  @Test
  void detectsAHalfOpenLinkAndReconnects() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    Duration timeout = Duration.ofMillis(800);
    try (TcpProxy proxy = new TcpProxy(agentVertx, backend.port())) {
      startLink(fast(proxy.url()).withHeartbeat(Duration.ofMillis(50), timeout));
      backend.connection(1).next(AgentHello.class);

      long blackHoledAt = System.nanoTime();
      int before = backend.connectionCount();
      proxy.blackHoleCurrentConnections();
      FakeBackend.Connection reconnected = backend.connection(before + 1);
      Duration detectedAfter = Duration.ofNanos(System.nanoTime() - blackHoledAt);
      reconnected.next(AgentHello.class);

      // At least the timeout less the pong that may have come a tick before the black hole; at
      // most timeout + one heartbeat interval + the largest backoff (100 ms) + a handshake, and
      // a loaded CI machine gets a few seconds more.
      assertThat(detectedAfter).isBetween(timeout.minusMillis(150), Duration.ofSeconds(4));
      assertThat(link.status().lastError()).contains("half-open");
    }
  }

  @Test
  void aSlowBackendOverflowsTheOutboxWithoutBlockingTheQueueAndResumeRepairsIt() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    startLink(fast(backend.url())
        // The Backend reads nothing while paused, pongs included: keep the heartbeat out of it.
        .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(20))
        .withOutbox(16, 256 << 10));
    FakeBackend.Connection connection = connectAndResume(1);
    long before = version(queue);

    connection.pauseReading();
    // 400 deltas of 32 KiB: 12.5 MiB, more than loopback TCP buffers and the outbox hold.
    String content = filler(32 << 10);
    for (int i = 0; i < 400; i++) {
      queue.submit(upsert("a/p" + (i % 50), content + i));
    }
    long last = settled(queue);
    assertThat(last).as("the queue kept applying events while the Backend read nothing")
        .isGreaterThan(before);
    await().atMost(Duration.ofSeconds(10)).until(() -> link.status().gaps() >= 1);

    connection.resumeReading();
    connection.deltasThrough(before, last);
    assertThat(link.status().connects()).as("repaired by a resume, not a reconnect").isEqualTo(1);
  }

  @Test
  void aSnapshotOfAnUnknownResourceIsAnsweredWithAnError() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    connection.next(AgentHello.class);

    connection.send(new SnapshotRequest("req-7", ResourceName.of("widgets.example.com")));
    AgentError error = connection.next(AgentError.class);
    assertThat(error.requestId()).isEqualTo("req-7");
    assertThat(error.code()).isEqualTo("unknown-resource");
    assertThat(error.message()).contains("widgets.example.com");
  }

  @Test
  void aCommandThatDoesNotDecodeIsAnsweredBadRequestAndTheLinkGoesOn() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods(pod("a/p0", "v0")));
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    connection.next(AgentHello.class);

    connection.sendText("{\"op\":\"snapshot\",\"resource\":\"pods\"}");
    AgentError error = connection.next(AgentError.class);
    assertThat(error.requestId()).isNull();
    assertThat(error.code()).isEqualTo("bad-request");
    assertThat(error.message()).contains("requestId");

    connection.send(new SnapshotRequest("req-2", PODS));
    assertThat(connection.next(SnapshotChunk.class).last()).isTrue();
    assertThat(backend.connectionCount()).isEqualTo(1);
  }

  @Test
  void closeSendsGoingAwayAndStopsReconnecting() throws Exception {
    newQueue(QueueConfig.DEFAULTS);
    queue.submit(relistPods());
    startLink(fast(backend.url()));
    FakeBackend.Connection connection = backend.connection(1);
    connection.next(AgentHello.class);

    link.close().get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(connection::closed);
    assertThat(connection.closeCode()).isEqualTo((short) 1001);
    assertThat(link.status().connected()).isFalse();
    Thread.sleep(200);
    assertThat(backend.connectionCount()).isEqualTo(1);
  }
}
