package app.octokube.backend.stream;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.CloseCode;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.link.ChangeType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientOutboxTest {
  private static final Codec CODEC = new Codec();
  private static final ClusterId C1 = ClusterId.of("c1");
  private static final ClusterId C2 = ClusterId.of("c2");
  private static final Epoch EPOCH = Epoch.of("e1");
  private static final ResourceName PODS = ResourceName.of("pods");

  /** A socket whose writes complete only when the test says so. */
  private static final class ManualSink implements MessageSink {
    final List<OutboundMessage> written = new ArrayList<>();
    final List<Promise<Void>> pending = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();
    CloseCode closed;

    @Override
    public Future<Void> write(OutboundMessage message) {
      written.add(message);
      Promise<Void> promise = Promise.promise();
      pending.add(promise);
      return promise.future();
    }

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    @Override
    public void close(CloseCode code) {
      closed = code;
    }

    /** Runs the tasks the outbox asked for, as the connection's event loop would. */
    void runTasks() {
      while (!tasks.isEmpty()) {
        tasks.remove(0).run();
      }
    }

    void completeAll() {
      runTasks();
      while (!pending.isEmpty()) {
        pending.remove(0).complete();
      }
      runTasks();
    }

    List<String> texts() {
      return written.stream().map(OutboundMessage::text).toList();
    }
  }

  private final ManualSink sink = new ManualSink();
  private final Set<ClusterId> repaired = new HashSet<>();
  private final AtomicLong now = new AtomicLong();

  private ClientOutbox outbox(long budget) {
    StreamLimits limits = StreamLimits.DEFAULTS.withClientBufferBytes(budget).withWriteHighWaterBytes(1);
    ClientOutbox outbox = new ClientOutbox(sink, CODEC, limits, new StreamMetrics(new SimpleMeterRegistry()),
        repaired::addAll, now::get);
    outbox.open(OutboundMessage.of("{\"op\":\"hello\"}"));
    return outbox;
  }

  @Test
  void aMessageIsWrittenAtOnceWhileTheClientIsWritable() {
    outbox(1 << 20);

    assertThat(sink.texts()).containsExactly("{\"op\":\"hello\"}");
  }

  @Test
  void messagesWaitWhileAWriteIsInFlightAndFollowInOrder() {
    ClientOutbox outbox = outbox(1 << 20);

    assertThat(outbox.send(C1, OutboundMessage.of("{\"op\":\"cluster\",\"n\":1}"))).isEqualTo(ClientOutbox.Result.QUEUED);
    assertThat(outbox.send(C1, OutboundMessage.of("{\"op\":\"cluster\",\"n\":2}"))).isEqualTo(ClientOutbox.Result.QUEUED);
    sink.completeAll();
    sink.completeAll();
    sink.completeAll();

    assertThat(sink.texts()).containsExactly("{\"op\":\"hello\"}", "{\"op\":\"cluster\",\"n\":1}", "{\"op\":\"cluster\",\"n\":2}");
  }

  @Test
  void aDeltaIsWrittenByTheConnectionsThreadAndThoseArrivingBeforeItRunsGoOutAsOneMessage() {
    ClientOutbox outbox = outbox(1 << 20);
    sink.completeAll();

    List<ClientChange> first = List.of(upsert("a", "1"), delete("b"));
    List<ClientChange> second = List.of(upsert("c", "1"));
    assertThat(outbox.sendDelta(delta(C1, 5, 5, true, first.toArray(ClientChange[]::new))))
        .isEqualTo(ClientOutbox.Result.QUEUED);
    assertThat(outbox.sendDelta(delta(C1, 6, 7, true))).isEqualTo(ClientOutbox.Result.QUEUED);
    assertThat(outbox.sendDelta(delta(C1, 8, 8, true, second.toArray(ClientChange[]::new))))
        .isEqualTo(ClientOutbox.Result.QUEUED);
    // Nothing is written from the caller's thread, and only one task was asked for.
    assertThat(sink.written).hasSize(1);
    assertThat(sink.tasks).hasSize(1);

    sink.runTasks();

    List<ClientChange> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(sink.texts()).hasSize(2);
    assertThat(sink.texts().get(1)).isEqualTo(CODEC.encodeToString(
        new ClientDelta(C1, EPOCH, Version.of(5), Version.of(8), all)));
    assertThat(outbox.queuedBytes()).isZero();
  }

  @Test
  void aClientThatKeepsUpReceivesEveryChangeEvenOfOneObjectInOneFlush() {
    ClientOutbox outbox = outbox(1 << 20);
    sink.completeAll();

    outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "1")));
    outbox.sendDelta(delta(C1, 6, 6, true, upsert("b", "1")));
    outbox.sendDelta(delta(C1, 7, 7, true, upsert("a", "2")));
    drain();

    assertThat(sink.texts()).hasSize(3);
    ClientDelta first = (ClientDelta) CODEC.decodeServerMessage(sink.texts().get(1)).orElseThrow();
    ClientDelta second = (ClientDelta) CODEC.decodeServerMessage(sink.texts().get(2)).orElseThrow();
    assertThat(first.from().value()).isEqualTo(5);
    assertThat(first.to().value()).isEqualTo(6);
    assertThat(first.changes()).extracting(change -> change.key().name()).containsExactly("a", "b");
    assertThat(second.from().value()).isEqualTo(7);
    assertThat(second.changes()).singleElement().satisfies(change ->
        assertThat(change.object().toString()).isEqualTo(object("a", "2")));
  }

  @Test
  void aClientPastItsHighWaterMarkAsksNoWriteTaskAndItsCompletedWriteSendsTheDelta() {
    ClientOutbox outbox = outbox(1 << 20);

    // The hello is still unwritten, which is past the mark of one byte.
    outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "1")));
    outbox.sendDelta(delta(C1, 6, 6, true, upsert("b", "1")));

    assertThat(sink.tasks).isEmpty();
    sink.pending.remove(0).complete();
    assertThat(sink.texts()).hasSize(2);
    assertThat(sink.texts().get(1)).contains("\"from\":5,\"to\":6");
  }

  @Test
  void aDeltaGivenAfterTheFlushIsWrittenByTheNextOne() {
    ClientOutbox outbox = outbox(1 << 20);
    sink.completeAll();

    outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "1")));
    sink.completeAll();
    outbox.sendDelta(delta(C1, 6, 6, true, upsert("a", "2")));
    sink.completeAll();

    assertThat(sink.texts()).hasSize(3);
    assertThat(sink.texts().get(2)).contains("\"from\":6,\"to\":6");
  }

  @Test
  void theUnboundedBaselineWritesEverythingAtOnceAndNeverOverflows() {
    // The same budget and high-water mark as a product outbox that overflows on the second delta.
    StreamLimits limits = StreamLimits.DEFAULTS.withClientBufferBytes(1).withWriteHighWaterBytes(1)
        .withBaseline(new StreamLimits.Baseline(false, false, true));
    ClientOutbox outbox = new ClientOutbox(sink, CODEC, limits, new StreamMetrics(new SimpleMeterRegistry()),
        repaired::addAll, now::get);
    outbox.open(OutboundMessage.of("{\"op\":\"hello\"}"));

    for (int v = 1; v <= 100; v++) {
      assertThat(outbox.sendDelta(delta(C1, v, v, true, upsert("a", Integer.toString(v)))))
          .isEqualTo(ClientOutbox.Result.SENT);
    }

    // No write completed, yet every message went to the socket: nothing waits, merges or drops.
    assertThat(sink.pending).hasSize(101);
    assertThat(outbox.peakQueuedBytes()).isZero();
    assertThat(outbox.isClosed()).isFalse();
  }

  @Test
  void theProductOutboxWithTheSameLimitsOverflowsInstead() {
    ClientOutbox outbox = outbox(1);

    // The hello is still unwritten: the delta waits, and exceeds the budget of one byte.
    assertThat(outbox.sendDelta(delta(C1, 1, 1, true, upsert("a", "1")))).isEqualTo(ClientOutbox.Result.OVERFLOWED);
    assertThat(sink.pending).hasSize(1);
  }

  @Test
  void queuedDeltasOfAClusterMergeWithTheLastChangeOfEachObjectWinning() {
    ClientOutbox outbox = outbox(1 << 20);

    outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "1"), upsert("b", "1")));
    outbox.sendDelta(delta(C1, 6, 6, true, delete("a"), upsert("c", "1")));
    outbox.sendDelta(delta(C1, 7, 8, true, delete("b")));
    outbox.sendDelta(delta(C1, 9, 9, true, upsert("c", "2")));
    drain();

    ClientDelta merged = (ClientDelta) CODEC.decodeServerMessage(sink.texts().get(1)).orElseThrow();
    assertThat(sink.written).hasSize(2);
    assertThat(merged.from().value()).isEqualTo(5);
    assertThat(merged.to().value()).isEqualTo(9);
    assertThat(merged.changes()).extracting(change -> change.key().name() + ":" + change.type()
        + (change.object() == null ? "" : ":" + change.object()))
        .containsExactly("a:DELETE", "b:DELETE", "c:UPSERT:" + object("c", "2"));
  }

  @Test
  void aDeleteThenAnUpsertOfOneObjectMergeIntoTheUpsert() {
    ClientOutbox outbox = outbox(1 << 20);

    outbox.sendDelta(delta(C1, 5, 5, true, delete("a")));
    outbox.sendDelta(delta(C1, 6, 6, true, upsert("a", "2")));
    drain();

    ClientDelta merged = (ClientDelta) CODEC.decodeServerMessage(sink.texts().get(1)).orElseThrow();
    assertThat(merged.changes()).singleElement().satisfies(change -> {
      assertThat(change.type()).isEqualTo(ChangeType.UPSERT);
      assertThat(change.object().toString()).isEqualTo(object("a", "2"));
    });
  }

  @Test
  void aSnapshotOrADeltaMarkedNotMergeableKeepsDeltasApart() {
    ClientOutbox outbox = outbox(1 << 20);

    outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "1")));
    outbox.sendSnapshot(C1, PODS, OutboundMessage.of("{\"op\":\"snapshot\"}"));
    outbox.sendDelta(delta(C1, 6, 6, true, upsert("a", "2")));
    outbox.sendDelta(delta(C1, 7, 7, false, upsert("a", "3")));
    drain();

    assertThat(sink.texts()).hasSize(5);
    assertThat(sink.texts().get(2)).isEqualTo("{\"op\":\"snapshot\"}");
  }

  @Test
  void anOverflowDropsTheClustersDeltasAndSnapshotsButKeepsErrorsAndOtherClusters() {
    ClientOutbox outbox = outbox(2_000);
    outbox.sendDelta(delta(C2, 3, 3, true, upsert("z", "1")));
    outbox.sendSnapshot(C1, PODS, OutboundMessage.of("{\"op\":\"snapshot\",\"pad\":\"" + "x".repeat(500) + "\"}"));
    outbox.send(C1, OutboundMessage.of("{\"op\":\"error\"}"));

    ClientOutbox.Result result = outbox.sendDelta(delta(C1, 5, 5, true, upsert("a", "x".repeat(2_000))));

    assertThat(result).isEqualTo(ClientOutbox.Result.OVERFLOWED);
    assertThat(outbox.queuedBytes()).isLessThanOrEqualTo(2_000);
    drain();
    assertThat(sink.texts()).hasSize(3);
    assertThat(sink.texts().get(1)).contains("\"cluster\":\"c2\"");
    assertThat(sink.texts().get(2)).isEqualTo("{\"op\":\"error\"}");
    assertThat(repaired).containsExactly(C1);
  }

  @Test
  void aSnapshotLargerThanTheBudgetWaitsForTheClientInsteadOfOverflowing() {
    ClientOutbox outbox = outbox(1_000);

    ClientOutbox.Result result = outbox.sendSnapshot(C1, PODS, OutboundMessage.of("{\"op\":\"snapshot\",\"pad\":\""
        + "x".repeat(5_000) + "\"}"));
    drain();

    assertThat(result).isEqualTo(ClientOutbox.Result.QUEUED);
    assertThat(sink.texts()).hasSize(2);
    assertThat(repaired).isEmpty();
  }

  @Test
  void aSecondSnapshotOfOneSubscriptionWhileTheFirstWaitsOverflowsItsCluster() {
    ClientOutbox outbox = outbox(1 << 20);
    outbox.sendSnapshot(C1, PODS, OutboundMessage.of("{\"op\":\"snapshot\",\"n\":1}"));

    ClientOutbox.Result result = outbox.sendSnapshot(C1, PODS, OutboundMessage.of("{\"op\":\"snapshot\",\"n\":2}"));
    drain();

    assertThat(result).isEqualTo(ClientOutbox.Result.OVERFLOWED);
    assertThat(sink.texts()).containsExactly("{\"op\":\"hello\"}");
    assertThat(repaired).containsExactly(C1);
  }

  @Test
  void aClientThatOverflowsThreeTimesWithinAMinuteIsClosedAsASlowConsumer() {
    ClientOutbox outbox = outbox(1_000);
    for (int i = 0; i < 3; i++) {
      now.addAndGet(10_000_000_000L);
      outbox.sendDelta(delta(C1, 5 + i, 5 + i, true, upsert("a", "x".repeat(2_000))));
    }

    assertThat(sink.closed).isEqualTo(CloseCode.SLOW_CONSUMER);
    assertThat(outbox.isClosed()).isTrue();
  }

  @Test
  void overflowsFarApartDoNotCloseTheClient() {
    ClientOutbox outbox = outbox(1_000);
    for (int i = 0; i < 3; i++) {
      now.addAndGet(61_000_000_000L);
      outbox.sendDelta(delta(C1, 5 + i, 5 + i, true, upsert("a", "x".repeat(2_000))));
    }

    assertThat(sink.closed).isNull();
  }

  @Test
  void theQueueNeverHoldsMoreThanTheBudgetWhateverArrives() {
    long budget = 20_000;
    ClientOutbox outbox = outbox(budget);
    Random random = new Random(42);
    long[] next = {1, 1};
    for (int i = 0; i < 5_000; i++) {
      int which = random.nextInt(2);
      ClusterId cluster = which == 0 ? C1 : C2;
      switch (random.nextInt(10)) {
        case 0 -> sink.completeAll();
        case 1 -> outbox.sendSnapshot(cluster, PODS, OutboundMessage.of("{\"op\":\"snapshot\",\"pad\":\""
            + "x".repeat(random.nextInt(3_000)) + "\"}"));
        default -> {
          long from = next[which];
          next[which] = from + 1;
          outbox.sendDelta(delta(cluster, from, from, random.nextBoolean(),
              upsert("k" + random.nextInt(20), "x".repeat(random.nextInt(1_500)))));
        }
      }
      assertThat(outbox.queuedBytes()).isLessThanOrEqualTo(budget);
    }
    assertThat(outbox.peakQueuedBytes()).isLessThanOrEqualTo(budget);
  }

  private void drain() {
    for (int i = 0; i < 20; i++) {
      sink.completeAll();
    }
  }

  private static DeltaMessage delta(ClusterId cluster, long from, long to, boolean mergeable, ClientChange... changes) {
    List<ClientChange> list = List.of(changes);
    return new DeltaMessage(cluster, EPOCH, from, to, list, WireFrames.changesBody(CODEC, cluster, EPOCH, list), mergeable);
  }

  private static ClientChange upsert(String name, String value) {
    return ClientChange.upsert(PODS, ObjectKey.of("ns/" + name), RawJson.of(object(name, value)));
  }

  private static ClientChange delete(String name) {
    return ClientChange.delete(PODS, ObjectKey.of("ns/" + name));
  }

  private static String object(String name, String value) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"v\":\"" + value + "\"}";
  }
}
