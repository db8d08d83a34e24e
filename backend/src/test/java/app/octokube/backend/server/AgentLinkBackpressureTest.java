package app.octokube.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.octokube.backend.agents.ClusterLink;
import app.octokube.backend.agents.LinkSettings;
import app.octokube.backend.stream.StreamLimits;
import app.octokube.protocol.ClusterId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read limit of an Agent's link, through the real socket: with a limit of one byte every
 * message read pauses the link until the hub has taken it, so the pause and the resume both run
 * for every message, whichever event loops the connection and the hub happen to share.
 */
class AgentLinkBackpressureTest {
  private static final int VERSIONS = 200;

  @Test
  void aLinkPausedWhileTheHubIsBehindResumesAndDeliversEveryVersion() {
    LinkSettings oneByte = new LinkSettings(Duration.ofSeconds(5), Duration.ofSeconds(15)).withInboundHighWaterBytes(1);
    try (TestBackend backend = new TestBackend(StreamLimits.DEFAULTS, oneByte, List.of("c1"), "alice")) {
      FakeAgent agent = backend.agent("c1", "pods").connect();
      ClusterLink link = backend.server.registry().link(ClusterId.of("c1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> link.status().version() == agent.version());
      double pausesBefore = backend.server.metrics().agentLinkPauses();

      for (int i = 0; i < VERSIONS; i++) {
        agent.upsert("pods", "a/p-" + i, Map.of(), FanoutTest.pod("p-" + i));
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> link.status().version() == agent.version());
      assertThat(backend.server.metrics().agentLinkPauses() - pausesBefore)
          .as("each of the %d deltas was read while nothing was pending, so each paused the link", VERSIONS)
          .isGreaterThanOrEqualTo(VERSIONS);
    }
  }

  @Test
  void theDefaultLimitIs64MiBAndALimitMustBePositive() {
    assertThat(LinkSettings.DEFAULTS.inboundHighWaterBytes()).isEqualTo(64L << 20);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LinkSettings.DEFAULTS.withInboundHighWaterBytes(0))
        .hasMessageContaining("inboundHighWaterBytes");
  }
}
