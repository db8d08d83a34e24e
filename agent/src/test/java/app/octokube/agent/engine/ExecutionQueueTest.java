package app.octokube.agent.engine;

import static app.octokube.agent.engine.Fixtures.PODS;
import static app.octokube.agent.engine.Fixtures.SERVICES;
import static app.octokube.agent.engine.Fixtures.object;
import static app.octokube.agent.engine.Fixtures.relist;
import static app.octokube.agent.engine.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionQueueTest {
  private final ExecutorService streamer = Executors.newCachedThreadPool();
  private final List<AgentDelta> deltas = new CopyOnWriteArrayList<>();
  private ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, Fixtures.ENCODER, streamer);

  @AfterEach
  void close() throws InterruptedException {
    queue.close();
    streamer.shutdownNow();
  }

  private void attachCollector() throws Exception {
    queue.attach(d -> deltas.add(d.delta())).get(5, TimeUnit.SECONDS);
  }

  private ExecutionQueue.Status status() throws Exception {
    return queue.status().get(5, TimeUnit.SECONDS);
  }

  @Test
  void startsAtVersionZeroWithANewEpochEachTime() throws Exception {
    ExecutionQueue other = new ExecutionQueue(QueueConfig.DEFAULTS, Fixtures.ENCODER, streamer);
    try {
      assertThat(status().version()).isZero();
      assertThat(other.epoch()).isNotEqualTo(queue.epoch());
    } finally {
      other.close();
    }
  }

  @Test
  void eachVisibleBatchGetsTheNextVersion() throws Exception {
    attachCollector();
    queue.submit(relist(PODS));
    for (int i = 0; i < 5; i++) {
      queue.submit(upsert(PODS, "a/p" + i, "x"));
      final int n = i + 1;
      await().atMost(Duration.ofSeconds(5)).until(() -> deltas.size() == n);
    }

    assertThat(deltas).extracting(d -> d.version().value()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(deltas).extracting(AgentDelta::epoch).containsOnly(queue.epoch());
    assertThat(status().version()).isEqualTo(5);
  }

  @Test
  void aBatchThatChangesNothingVisibleSpendsNoVersion() throws Exception {
    attachCollector();
    queue.submit(relist(PODS, object(PODS, "a/p1", "x")));
    queue.submit(upsert(PODS, "a/p1", "x"));
    queue.submit(Fixtures.delete(PODS, "a/ghost"));

    assertThat(status().version()).isZero();
    assertThat(deltas).isEmpty();
  }

  @Test
  void eventsArrivingWhileTheQueueIsBusyAreAppliedInFewBoundedBatches() throws Exception {
    queue.close();
    queue = new ExecutionQueue(QueueConfig.DEFAULTS.withMaxBatchEvents(100), Fixtures.ENCODER, streamer);
    CountDownLatch release = new CountDownLatch(1);
    // A sink that holds the queue's thread on the first delta, so that the burst below piles up
    // behind it. Real sinks never block; this one stands in for a long batch.
    queue.attach(d -> {
      deltas.add(d.delta());
      if (d.version() == 1) {
        awaitQuietly(release);
      }
    }).get(5, TimeUnit.SECONDS);
    queue.submit(relist(PODS));
    queue.submit(upsert(PODS, "a/first", "x"));
    await().until(() -> deltas.size() == 1);
    for (int i = 0; i < 1_000; i++) {
      queue.submit(upsert(PODS, "a/p" + i, "x"));
    }
    release.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> status().objects() == 1_001);
    assertThat(deltas).hasSize(1 + 10);
    assertThat(deltas.subList(1, deltas.size())).allSatisfy(d -> assertThat(d.changes()).hasSize(100));
  }

  @Test
  void aSnapshotRequestedWhileEventsStreamInEqualsTheStateAfterEveryEventBeforeIt() throws Exception {
    queue.submit(relist(PODS));
    List<ClusterEvent> submitted = new ArrayList<>();
    submitted.add(relist(PODS));
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      ClusterEvent e = i % 7 == 3
          ? Fixtures.delete(PODS, "a/p" + (i % 50))
          : upsert(PODS, "a/p" + (i % 50), "v" + i);
      queue.submit(e);
      submitted.add(e);
      if (i % 250 == 0) {
        List<Projection> items = new ArrayList<>();
        Map<ObjectKey, String> expected = Fixtures.reference(submitted).get(PODS);
        versions.add(queue.snapshot(PODS, chunk -> items.addAll(chunk.items())).get(5, TimeUnit.SECONDS));
        assertThat(Fixtures.asMap(items)).isEqualTo(expected);
      }
    }
    assertThat(versions).isSorted();
  }

  @Test
  void concurrentWatchersAndSnapshotsAgreeWithTheDeltaHistory() throws Exception {
    attachCollector();
    queue.submit(relist(PODS));
    Fixtures.ClientModel initial = new Fixtures.ClientModel();
    List<Projection> first = new ArrayList<>();
    queue.snapshot(PODS, c -> first.addAll(c.items())).get(5, TimeUnit.SECONDS);
    initial.load(PODS, first);

    int watchers = 4;
    CyclicBarrier start = new CyclicBarrier(watchers + 1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < watchers; w++) {
      final int id = w;
      Thread t = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 2_000; i++) {
            queue.submit(i % 5 == 4
                ? Fixtures.delete(PODS, "w" + id + "/p" + (i % 30))
                : upsert(PODS, "w" + id + "/p" + (i % 30), "v" + i));
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      t.start();
      threads.add(t);
    }
    start.await();
    List<Map.Entry<Long, Map<ObjectKey, String>>> snapshots = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      List<Projection> items = new ArrayList<>();
      long v = queue.snapshot(PODS, c -> items.addAll(c.items())).get(5, TimeUnit.SECONDS);
      snapshots.add(Map.entry(v, Fixtures.asMap(items)));
    }
    for (Thread t : threads) {
      t.join();
    }
    long last = status().version();
    await().until(() -> deltas.size() == last);

    // Every snapshot equals the initial state plus exactly the deltas up to its version.
    for (Map.Entry<Long, Map<ObjectKey, String>> snapshot : snapshots) {
      Fixtures.ClientModel replay = new Fixtures.ClientModel();
      replay.load(PODS, first);
      deltas.stream().filter(d -> d.version().value() <= snapshot.getKey()).forEach(replay::apply);
      assertThat(replay.of(PODS)).as("snapshot at %d", snapshot.getKey()).isEqualTo(snapshot.getValue());
    }
    assertThat(deltas).extracting(d -> d.version().value()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void snapshotsStreamInChunksThatShareEpochAndVersion() throws Exception {
    queue.close();
    queue = new ExecutionQueue(QueueConfig.DEFAULTS.withSnapshotChunks(10, 1 << 20), Fixtures.ENCODER, streamer);
    List<Projection> objects = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      objects.add(object(PODS, "a/p" + i, "x"));
    }
    queue.submit(new ClusterEvent.Relisted(PODS, objects));
    queue.submit(upsert(PODS, "a/p0", "changed"));
    List<SnapshotSink.Chunk> chunks = new CopyOnWriteArrayList<>();

    long version = queue.snapshot(PODS, chunks::add).get(5, TimeUnit.SECONDS);

    assertThat(chunks).hasSize(10);
    assertThat(chunks).extracting(SnapshotSink.Chunk::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(chunks).extracting(SnapshotSink.Chunk::version).containsOnly(version);
    assertThat(chunks).extracting(SnapshotSink.Chunk::epoch).containsOnly(queue.epoch());
    assertThat(chunks).filteredOn(SnapshotSink.Chunk::last).hasSize(1);
    assertThat(chunks.get(9).last()).isTrue();
    assertThat(chunks).flatExtracting(SnapshotSink.Chunk::items).hasSize(95);
    assertThat(version).isEqualTo(1);
  }

  @Test
  void snapshotChunksAreAlsoBoundedByBytes() throws Exception {
    queue.close();
    queue = new ExecutionQueue(QueueConfig.DEFAULTS.withSnapshotChunks(1_000, 200), Fixtures.ENCODER, streamer);
    List<Projection> objects = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      objects.add(object(PODS, "a/p" + i, "x".repeat(90)));
    }
    queue.submit(new ClusterEvent.Relisted(PODS, objects));
    List<SnapshotSink.Chunk> chunks = new CopyOnWriteArrayList<>();

    queue.snapshot(PODS, chunks::add).get(5, TimeUnit.SECONDS);

    assertThat(chunks).allSatisfy(c -> assertThat(c.items()).hasSizeLessThanOrEqualTo(2));
    assertThat(chunks).flatExtracting(SnapshotSink.Chunk::items).hasSize(20);
  }

  @Test
  void aSnapshotOfAnEmptyTypeIsOneEmptyLastChunk() throws Exception {
    queue.submit(relist(SERVICES));
    List<SnapshotSink.Chunk> chunks = new CopyOnWriteArrayList<>();

    queue.snapshot(SERVICES, chunks::add).get(5, TimeUnit.SECONDS);

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.items()).isEmpty();
      assertThat(c.last()).isTrue();
    });
  }

  @Test
  void aSnapshotOfAnUntrackedTypeFailsWithUnknownResource() {
    assertThatThrownBy(() -> queue.snapshot(ResourceName.of("widgets.example.com"), c -> {}).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnknownResourceException.class)
        .hasMessageContaining("widgets.example.com");
  }

  @Test
  void aFailingSnapshotSinkFailsOnlyItsSnapshot() throws Exception {
    attachCollector();
    queue.submit(relist(PODS, object(PODS, "a/p", "x")));

    assertThatThrownBy(() -> queue.snapshot(PODS, c -> {
      throw new java.io.IOException("socket closed");
    }).get(5, TimeUnit.SECONDS)).hasRootCauseMessage("socket closed");

    queue.submit(upsert(PODS, "a/p", "y"));
    await().until(() -> deltas.size() == 1);
  }

  @Test
  void resourceSetChangesReachTheSink() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    queue.attach(new DeltaSink() {
      @Override
      public void onDelta(EncodedDelta delta) {
        seen.add("delta " + delta.version());
      }

      @Override
      public void onResourcesChanged(app.octokube.protocol.Epoch epoch, long version, java.util.Set<ResourceName> resources) {
        seen.add("resources " + version + " " + resources);
      }
    }).get(5, TimeUnit.SECONDS);

    queue.submit(relist(PODS, object(PODS, "a/p", "x")));
    queue.submit(relist(SERVICES));
    queue.submit(new ClusterEvent.ResourceRemoved(PODS));

    await().until(() -> seen.size() == 4);
    assertThat(seen).containsExactly(
        "resources 0 [pods]", "resources 0 [pods, services]", "delta 1", "resources 1 [services]");
  }

  @Test
  void closeAppliesWhatWasAddedBeforeAndRefusesMore() throws Exception {
    attachCollector();
    queue.submit(relist(PODS));
    for (int i = 0; i < 100; i++) {
      queue.submit(upsert(PODS, "a/p" + i, "x"));
    }

    queue.close();

    assertThat(deltas).flatExtracting(AgentDelta::changes).hasSize(100);
    assertThatThrownBy(() -> queue.submit(upsert(PODS, "a/late", "x")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(queue.status()).isCompletedExceptionally();
  }

  @Test
  void aBatchThatFailsHalfWayStopsTheQueueRatherThanEmitAWrongHistory() throws Exception {
    queue.close();
    queue = new ExecutionQueue(QueueConfig.DEFAULTS, d -> {
      throw new IllegalStateException("encoder broke");
    }, streamer);
    queue.submit(relist(PODS));
    queue.submit(upsert(PODS, "a/p", "x"));

    await().untilAsserted(() -> assertThatThrownBy(() -> queue.submit(upsert(PODS, "a/q", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped after a failure"));
    assertThatThrownBy(() -> queue.status().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSlowSinkBehindAnOutboxNeverHoldsTheQueue() throws Exception {
    DeltaOutbox outbox = new DeltaOutbox(50, 1 << 20, () -> {});
    queue.attach(outbox).get(5, TimeUnit.SECONDS);
    queue.submit(relist(PODS));
    for (int i = 0; i < 500; i++) {
      queue.submit(upsert(PODS, "a/p" + i, "x"));
      queue.status().get(5, TimeUnit.SECONDS); // one event per version
    }

    assertThat(status().version()).isEqualTo(500);
    assertThat(outbox.overflows()).isEqualTo(1);
    assertThat(outbox.poll()).isEqualTo(new DeltaOutbox.Item.Gap(0));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
