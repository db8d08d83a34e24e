package app.octokube.agent;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.watch.WatchState;
import app.octokube.agent.watch.WatchStatus;
import app.octokube.protocol.ResourceName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTest {
  private static WatchStatus status(String resource, WatchState state, String resourceVersion) {
    return new WatchStatus(ResourceName.of(resource), state, null, resourceVersion, 0, Instant.EPOCH);
  }

  @Test
  void theLinkWaitsWhileATypeIsStillOnItsFirstList() {
    assertThat(Agent.firstListsDone(List.of(
        status("pods", WatchState.WATCHING, "10"), status("nodes", WatchState.LISTING, null)))).isFalse();
    assertThat(Agent.firstListsDone(List.of(status("pods", WatchState.BACKING_OFF, null)))).isFalse();
  }

  @Test
  void forbiddenAndUnservedTypesDoNotHoldTheLinkBack() {
    assertThat(Agent.firstListsDone(List.of(
        status("pods", WatchState.WATCHING, "10"),
        status("secrets", WatchState.FORBIDDEN, null),
        status("widgets.example.com", WatchState.NOT_SERVED, null)))).isTrue();
  }

  @Test
  void aTypeThatListedOnceAndIsRelistingCountsAsListed() {
    assertThat(Agent.firstListsDone(List.of(
        status("pods", WatchState.LISTING, "10"), status("nodes", WatchState.BACKING_OFF, "7")))).isTrue();
  }
}
