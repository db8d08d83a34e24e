package app.octokube.agent.engine;

import static app.octokube.agent.engine.Fixtures.PODS;
import static app.octokube.agent.engine.Fixtures.relist;
import static app.octokube.agent.engine.Fixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeltaOutboxTest {

  private static EncodedDelta delta(long version, int bytes) {
    AgentDelta d = new AgentDelta(Epoch.of("e"), Version.of(version),
        List.of(Change.delete(PODS, ObjectKey.of("a/p"), Map.of())));
    return new EncodedDelta(d, new byte[bytes]);
  }

  private static List<Object> drain(DeltaOutbox outbox) {
    List<Object> out = new ArrayList<>();
    DeltaOutbox.Item item;
    while ((item = outbox.poll()) != null) {
      if (item instanceof DeltaOutbox.Item.Delta d) {
        out.add(d.delta().version());
      } else if (item instanceof DeltaOutbox.Item.Gap) {
        out.add(item);
      }
    }
    return out;
  }

  @Test
  void handsDeltasOverInOrder() {
    DeltaOutbox outbox = new DeltaOutbox(10, 1_000, () -> {});
    outbox.onDelta(delta(1, 10));
    outbox.onDelta(delta(2, 10));

    assertThat(drain(outbox)).containsExactly(1L, 2L);
    assertThat(outbox.pendingBytes()).isZero();
  }

  @Test
  void wakesTheConsumerOnlyWhenItGoesFromEmptyToNonEmpty() {
    AtomicInteger wakeups = new AtomicInteger();
    DeltaOutbox outbox = new DeltaOutbox(10, 1_000, wakeups::incrementAndGet);
    outbox.onDelta(delta(1, 10));
    outbox.onDelta(delta(2, 10));
    drain(outbox);
    outbox.onDelta(delta(3, 10));

    assertThat(wakeups).hasValue(2);
  }

  @Test
  void overflowByCountDropsWhatIsPendingAndReportsAGapAfterTheLastPolledVersion() {
    DeltaOutbox outbox = new DeltaOutbox(3, 1_000, () -> {});
    outbox.onDelta(delta(1, 10));
    assertThat(drain(outbox)).containsExactly(1L);
    for (long v = 2; v <= 5; v++) {
      outbox.onDelta(delta(v, 10));
    }

    assertThat(drain(outbox)).containsExactly(new DeltaOutbox.Item.Gap(1));
    assertThat(outbox.overflows()).isEqualTo(1);
  }

  @Test
  void overflowByBytesAlsoReportsAGap() {
    DeltaOutbox outbox = new DeltaOutbox(100, 25, () -> {});
    outbox.onDelta(delta(1, 10));
    outbox.onDelta(delta(2, 10));
    outbox.onDelta(delta(3, 10));

    assertThat(drain(outbox)).containsExactly(new DeltaOutbox.Item.Gap(0));
    assertThat(outbox.pendingBytes()).isZero();
  }

  @Test
  void aGappedOutboxDiscardsEverythingUntilItIsResumed() {
    DeltaOutbox outbox = new DeltaOutbox(1, 1_000, () -> {});
    outbox.onDelta(delta(1, 10));
    outbox.onDelta(delta(2, 10));
    drain(outbox);
    outbox.onDelta(delta(3, 10));

    assertThat(outbox.poll()).isNull();
  }

  @Test
  void resumingAfterAGapGivesEveryVersionOnceInOrder() throws Exception {
    ExecutorService streamer = Executors.newSingleThreadExecutor();
    DeltaOutbox outbox = new DeltaOutbox(20, 1 << 20, () -> {});
    try (ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS, Fixtures.ENCODER, streamer)) {
      queue.attach(outbox).get(5, TimeUnit.SECONDS);
      queue.submit(relist(PODS));
      List<Object> received = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queue.submit(upsert(PODS, "a/p" + i, "x"));
      }
      queue.status().get(5, TimeUnit.SECONDS);
      received.addAll(drain(outbox));
      // The consumer stalls while 30 more versions pass: more than the outbox holds.
      for (int i = 0; i < 30; i++) {
        queue.submit(upsert(PODS, "a/p" + i, "y"));
        queue.status().get(5, TimeUnit.SECONDS);
      }
      List<Object> afterStall = drain(outbox);
      assertThat(afterStall).last().isInstanceOf(DeltaOutbox.Item.Gap.class);
      long resumeAfter = ((DeltaOutbox.Item.Gap) afterStall.get(afterStall.size() - 1)).lastPolledVersion();

      ReplayLog.Replay replay = queue.resume(resumeAfter, outbox).get(5, TimeUnit.SECONDS);
      queue.submit(upsert(PODS, "a/new", "x"));
      queue.status().get(5, TimeUnit.SECONDS);

      assertThat(replay).isInstanceOf(ReplayLog.Replay.Available.class);
      assertThat(outbox.poll()).isInstanceOfSatisfying(DeltaOutbox.Item.ResourcesChanged.class,
          r -> assertThat(r.resources()).containsExactly(PODS));
      List<Object> versions = new ArrayList<>(received);
      versions.addAll(afterStall.subList(0, afterStall.size() - 1));
      ((ReplayLog.Replay.Available) replay).deltas().forEach(d -> versions.add(d.version()));
      versions.addAll(drain(outbox));
      List<Object> expected = new ArrayList<>();
      long current = queue.status().get(5, TimeUnit.SECONDS).version();
      assertThat(current).isGreaterThanOrEqualTo(32);
      for (long v = 1; v <= current; v++) {
        expected.add(v);
      }
      assertThat(versions).isEqualTo(expected);
    } finally {
      streamer.shutdownNow();
    }
  }

  @Test
  void aResumeTheLogCannotServeLeavesTheOutboxGapped() throws Exception {
    ExecutorService streamer = Executors.newSingleThreadExecutor();
    DeltaOutbox outbox = new DeltaOutbox(2, 1 << 20, () -> {});
    try (ExecutionQueue queue = new ExecutionQueue(QueueConfig.DEFAULTS.withReplay(5, 1 << 20), Fixtures.ENCODER, streamer)) {
      queue.attach(outbox).get(5, TimeUnit.SECONDS);
      queue.submit(relist(PODS));
      for (int i = 0; i < 10; i++) {
        queue.submit(upsert(PODS, "a/p" + i, "x"));
        queue.status().get(5, TimeUnit.SECONDS);
      }

      ReplayLog.Replay replay = queue.resume(0, outbox).get(5, TimeUnit.SECONDS);

      assertThat(replay).isEqualTo(new ReplayLog.Replay.TooOld(0, 5));
      assertThat(drain(outbox)).containsExactly(new DeltaOutbox.Item.Gap(0));
    } finally {
      streamer.shutdownNow();
    }
  }
}
