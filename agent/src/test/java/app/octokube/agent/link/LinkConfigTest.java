package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkConfigTest {

  @Test
  void refusesSchemesOtherThanWsAndWss() {
    for (String url : new String[] {"https://octokube.example.com", "http://127.0.0.1:8080",
        "octokube.example.com"}) {
      assertThatThrownBy(() -> LinkConfig.of(url))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must start with wss:// (or ws:// for local use)");
    }
  }

  @Test
  void connectsToTheAgentPathBelowTheBaseUrl() {
    LinkConfig tls = LinkConfig.of("wss://octokube.example.com/team-a/");
    assertThat(tls.endpoint()).isEqualTo(
        URI.create("wss://octokube.example.com/team-a/agent/v1/connect"));
    assertThat(tls.tls()).isTrue();
    assertThat(tls.port()).isEqualTo(443);

    LinkConfig local = LinkConfig.of("ws://127.0.0.1:8080");
    assertThat(local.endpoint()).isEqualTo(URI.create("ws://127.0.0.1:8080/agent/v1/connect"));
    assertThat(local.tls()).isFalse();
    assertThat(local.port()).isEqualTo(8080);
  }

  @Test
  void refusesCredentialsInTheUrlWithoutRepeatingThem() {
    assertThatThrownBy(() -> LinkConfig.of("wss://agent:hunter2@octokube.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesACaFileForPlainWs() {
    assertThatThrownBy(() -> LinkConfig.of("ws://127.0.0.1:8080").withCaFile(Path.of("ca.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only applies to wss://");
  }

  @Test
  void refusesAHeartbeatTimeoutNoLongerThanTheInterval() {
    LinkConfig config = LinkConfig.of("ws://127.0.0.1:8080");
    assertThatThrownBy(() -> config.withHeartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeatTimeout")
        .hasMessageContaining("longer than heartbeatInterval");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    LinkConfig config = LinkConfig.of("wss://octokube.example.com");
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.reconnect()).isEqualTo(
        new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30)));
    assertThat(config.caFile()).isNull();
  }
}
