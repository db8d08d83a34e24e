package app.octokube.agent.link;

import app.octokube.agent.engine.DeltaOutbox;
import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.ReplayLog;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.ResumeAccepted;
import app.octokube.protocol.link.ResumeRequest;
import app.octokube.protocol.link.ResumeTooOld;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Backend's resume requests for one session. A resume of this epoch that the replay
 * log reaches is answered {@link ResumeAccepted}, and the pump sends the replayed deltas next,
 * then the live ones: the queue reset the outbox to continue right after the last replayed
 * version, in the same step that read the log, so none is missing or repeated. Any other resume
 * (another epoch, a version the log forgot or has not reached) is answered {@link ResumeTooOld},
 * and the Backend takes snapshots.
 *
 * <p>Threading: {@link #serve} runs on the link's event loop, and the queue's answer hops back
 * onto it before anything is sent.
 */
final class ResumeServer {
  private static final Logger log = LoggerFactory.getLogger(ResumeServer.class);

  private final ExecutionQueue queue;
  private final DeltaOutbox outbox;
  private final DeltaPump pump;
  private final Codec codec;
  private final LinkLoop loop;
  private final LinkSocket socket;

  ResumeServer(ExecutionQueue queue, DeltaOutbox outbox, DeltaPump pump, Codec codec,
      LinkLoop loop, LinkSocket socket) {
    this.queue = queue;
    this.outbox = outbox;
    this.pump = pump;
    this.codec = codec;
    this.loop = loop;
    this.socket = socket;
  }

  /** Answers the request; completes, on the event loop, once the answer was written. */
  CompletableFuture<Void> serve(ResumeRequest request) {
    assert loop.inEventLoop() : "commands are served on the link's event loop";
    if (!request.epoch().equals(queue.epoch())) {
      return queue.status().thenAcceptAsync(status -> {
        log.info("the Backend asked to resume epoch {}, not ours ({}): answered resume-too-old",
            request.epoch(), queue.epoch());
        sendIfOpen(new ResumeTooOld(queue.epoch(), request.after(),
            Version.of(status.oldestReplayable())));
      }, loop);
    }
    long after = request.after().value();
    return queue.resume(after, outbox).thenAcceptAsync(replay -> {
      if (replay instanceof ReplayLog.Replay.Available available) {
        log.info("the Backend resumed after version {}: replaying {} deltas", after,
            available.deltas().size());
        sendIfOpen(new ResumeAccepted(queue.epoch(), request.after()));
        pump.replay(available.deltas());
      } else if (replay instanceof ReplayLog.Replay.TooOld tooOld) {
        log.info("the Backend asked to resume after version {}, before the replay log's oldest"
            + " ({}): answered resume-too-old", after, tooOld.oldestReplayable());
        sendIfOpen(new ResumeTooOld(queue.epoch(), request.after(),
            Version.of(tooOld.oldestReplayable())));
      }
    }, loop);
  }

  private void sendIfOpen(Object message) {
    if (socket.open()) {
      socket.send(codec.encode(message));
    }
  }
}
