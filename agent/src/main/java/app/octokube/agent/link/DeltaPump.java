package app.octokube.agent.link;

import app.octokube.agent.engine.DeltaOutbox;
import app.octokube.agent.engine.EncodedDelta;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.ReplayLog;
import app.octokube.protocol.Codec;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.ResourcesChanged;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves deltas from the queue to the socket, in version order: first the deltas a resume
 * replayed, then what the outbox holds. It writes only while the socket's write queue has room
 * and stops as soon as it is full; the bounded outbox absorbs the rest, and an overflow comes
 * out as a gap, repaired from the replay log ({@link ExecutionQueue#resume}).
 *
 * <p>Threading: every method runs on the link's event loop. The outbox's wake-up, called on the
 * queue's thread, only schedules {@link #drain()} there, and resume results hop back to it, so
 * nothing on the queue's thread ever touches the socket.
 */
final class DeltaPump {
  private static final Logger log = LoggerFactory.getLogger(DeltaPump.class);

  /** What the pump needs of its session beyond the socket. */
  interface Wire extends LinkSocket {
    /** Whether deltas may go out now: the socket is open and no command is being served. */
    boolean flowing();

    /** The outbox overflowed and the replay log no longer has what was dropped. */
    void cannotRepair(String reason);
  }

  private final ExecutionQueue queue;
  private final DeltaOutbox outbox;
  private final Codec codec;
  private final Executor loop;
  private final LinkMetrics metrics;
  private final Wire wire;
  private Iterator<EncodedDelta> replay = Collections.emptyIterator();
  private boolean repairing;

  DeltaPump(ExecutionQueue queue, DeltaOutbox outbox, Codec codec, Executor loop,
      LinkMetrics metrics, Wire wire) {
    this.queue = queue;
    this.outbox = outbox;
    this.codec = codec;
    this.loop = loop;
    this.metrics = metrics;
    this.wire = wire;
  }

  /** Sends what can be sent now. Each pause has its wake-up: drain, command done, resume done. */
  void drain() {
    while (!repairing && wire.flowing() && !wire.full()) {
      if (replay.hasNext()) {
        sendDelta(replay.next());
        continue;
      }
      DeltaOutbox.Item item = outbox.poll();
      if (item == null) {
        return;
      }
      if (item instanceof DeltaOutbox.Item.Delta delta) {
        sendDelta(delta.delta());
      } else if (item instanceof DeltaOutbox.Item.ResourcesChanged changed) {
        List<ResourceName> resources = changed.resources().stream()
            .sorted(Comparator.comparing(ResourceName::value)).toList();
        wire.send(codec.encode(
            new ResourcesChanged(changed.epoch(), Version.of(changed.version()), resources)));
      } else if (item instanceof DeltaOutbox.Item.Gap gap) {
        repair(gap.lastPolledVersion());
      }
    }
  }

  /**
   * Replaces what is left to replay by {@code deltas}: a resume just reset the outbox to continue
   * right after the last of them.
   */
  void replay(List<EncodedDelta> deltas) {
    replay = List.copyOf(deltas).iterator();
  }

  private void sendDelta(EncodedDelta delta) {
    wire.send(delta.bytes());
    metrics.deltaSent();
  }

  private void repair(long lastSent) {
    repairing = true;
    metrics.gap();
    log.info("the Backend reads slower than the cluster changes: the outbox overflowed after"
        + " version {}; resuming from the replay log", lastSent);
    queue.resume(lastSent, outbox).whenCompleteAsync((result, error) -> {
      repairing = false;
      if (error != null) {
        wire.cannotRepair("the queue could not resume after version " + lastSent + ": " + error);
      } else if (result instanceof ReplayLog.Replay.Available available) {
        replay(available.deltas());
        drain();
      } else if (result instanceof ReplayLog.Replay.TooOld tooOld) {
        wire.cannotRepair("the replay log no longer reaches back to version " + lastSent
            + " (oldest replayable: " + tooOld.oldestReplayable() + ")");
      }
    }, loop);
  }
}
