package app.octokube.backend.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InboundGateTest {

  @Test
  void pausesOnceAboveTheHighWaterMarkAndResumesOnlyBelowHalfOfIt() {
    InboundGate gate = new InboundGate(100);

    assertThat(gate.read(60)).isFalse();
    assertThat(gate.read(40)).isFalse();
    assertThat(gate.read(1)).as("101 bytes waiting: above the mark").isTrue();
    assertThat(gate.read(30)).as("already paused: said once").isFalse();

    assertThat(gate.taken(60)).isFalse();
    assertThat(gate.shouldResume()).as("71 still waiting").isFalse();
    assertThat(gate.taken(21)).isTrue();
    assertThat(gate.shouldResume()).as("50 waiting: half the mark").isTrue();
    assertThat(gate.shouldResume()).as("resumed already").isFalse();
    assertThat(gate.pending()).isEqualTo(50);
  }

  @Test
  void aConnectionThatKeepsUpCostsNoResumeTask() {
    InboundGate gate = new InboundGate(100);
    gate.read(10);
    assertThat(gate.taken(10)).as("never above the low mark: nothing to resume").isFalse();
    gate.read(70);
    assertThat(gate.taken(70)).as("crossed the low mark, but never paused").isTrue();
    assertThat(gate.shouldResume()).isFalse();
  }

  @Test
  void pausesAgainAfterAResumeWhenTheBacklogGrowsBack() {
    InboundGate gate = new InboundGate(100);
    assertThat(gate.read(150)).isTrue();
    gate.taken(150);
    assertThat(gate.shouldResume()).isTrue();
    assertThat(gate.read(101)).isTrue();
  }

  @Test
  void refusesANonPositiveMark() {
    assertThatThrownBy(() -> new InboundGate(0)).hasMessageContaining("highWater");
  }
}
