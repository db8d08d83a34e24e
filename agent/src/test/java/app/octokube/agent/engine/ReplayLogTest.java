package app.octokube.agent.engine;

import static app.octokube.agent.engine.Fixtures.PODS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.Version;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayLogTest {

  private static EncodedDelta delta(long version, int bytes) {
    AgentDelta d = new AgentDelta(Epoch.of("e"), Version.of(version),
        java.util.List.of(Change.delete(PODS, ObjectKey.of("a/p"), Map.of())));
    return new EncodedDelta(d, new byte[bytes]);
  }

  private static ReplayLog filled(ReplayLog log, int versions, int bytesEach) {
    for (int v = 1; v <= versions; v++) {
      log.append(delta(v, bytesEach));
    }
    return log;
  }

  @Test
  void readsEveryDeltaAfterAVersionInOrder() {
    ReplayLog log = filled(new ReplayLog(100, 1 << 20), 10, 10);

    ReplayLog.Replay replay = log.after(6);

    assertThat(replay).isInstanceOfSatisfying(ReplayLog.Replay.Available.class, a ->
        assertThat(a.deltas()).extracting(EncodedDelta::version).containsExactly(7L, 8L, 9L, 10L));
  }

  @Test
  void aCurrentReaderGetsNothingToReplay() {
    ReplayLog log = filled(new ReplayLog(100, 1 << 20), 3, 10);

    assertThat(log.after(3)).isEqualTo(new ReplayLog.Replay.Available(java.util.List.of()));
  }

  @Test
  void keepsAtMostItsCountOfDeltas() {
    ReplayLog log = filled(new ReplayLog(4, 1 << 20), 10, 10);

    assertThat(log.size()).isEqualTo(4);
    assertThat(log.oldestReplayable()).isEqualTo(6);
    assertThat(log.after(6)).isInstanceOf(ReplayLog.Replay.Available.class);
  }

  @Test
  void keepsAtMostItsBytes() {
    ReplayLog log = filled(new ReplayLog(100, 250), 10, 100);

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.bytes()).isEqualTo(200);
    assertThat(log.oldestReplayable()).isEqualTo(8);
  }

  @Test
  void aVersionOlderThanTheLogIsTooOldNeverAPartialHistory() {
    ReplayLog log = filled(new ReplayLog(4, 1 << 20), 10, 10);

    assertThat(log.after(5)).isEqualTo(new ReplayLog.Replay.TooOld(5, 6));
    assertThat(log.after(0)).isInstanceOf(ReplayLog.Replay.TooOld.class);
  }

  @Test
  void aVersionFromTheFutureIsRefused() {
    ReplayLog log = filled(new ReplayLog(4, 1 << 20), 3, 10);

    assertThat(log.after(4)).isInstanceOf(ReplayLog.Replay.TooOld.class);
  }

  @Test
  void aDeltaLargerThanTheByteBoundEmptiesTheLog() {
    ReplayLog log = filled(new ReplayLog(100, 50), 3, 10);
    log.append(delta(4, 80));

    assertThat(log.size()).isZero();
    assertThat(log.after(4)).isEqualTo(new ReplayLog.Replay.Available(java.util.List.of()));
    assertThat(log.after(3)).isInstanceOf(ReplayLog.Replay.TooOld.class);
  }

  @Test
  void refusesAHoleInTheVersions() {
    ReplayLog log = filled(new ReplayLog(100, 1 << 20), 2, 10);

    assertThatThrownBy(() -> log.append(delta(4, 10))).isInstanceOf(IllegalStateException.class);
  }
}
