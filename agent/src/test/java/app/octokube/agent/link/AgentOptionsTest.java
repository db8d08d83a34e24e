package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {
  @TempDir Path dir;
  private Path tokenFile;

  @BeforeEach
  void writeToken() throws IOException {
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "opt10ns-c4n4ry\n");
  }

  @Test
  void validOptionsMakeTheLinkAndQueueConfiguration() {
    AgentOptions.Valid valid =
        AgentOptions.defaults("wss://octokube.example.com", tokenFile).validate();
    assertThat(valid.link().endpoint().toString())
        .isEqualTo("wss://octokube.example.com/agent/v1/connect");
    assertThat(valid.queue().replayMaxDeltas()).isEqualTo(10_000);
    assertThat(valid.token().toString()).doesNotContain("opt10ns-c4n4ry");
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsFlag() {
    AgentOptions options = new AgentOptions("http://octokube.example.com", dir.resolve("absent"),
        null, Duration.ofSeconds(5), Duration.ofSeconds(2), 100, 1 << 20, 200, 1 << 10);
    assertThatThrownBy(options::validate)
        .isInstanceOfSatisfying(AgentOptions.Invalid.class, invalid ->
            assertThat(invalid.problems()).satisfiesExactly(
                p -> assertThat(p).startsWith("--backend-url").contains("wss://"),
                p -> assertThat(p).startsWith("--token-file").contains("does not exist"),
                p -> assertThat(p).startsWith("--heartbeat-timeout").contains("longer than"),
                p -> assertThat(p).startsWith("--outbox-max-deltas").contains("--replay-max-deltas")));
  }

  @Test
  void aCaFileMustHoldAPemCertificate() throws IOException {
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, "not a certificate");
    AgentOptions options = AgentOptions.defaults("wss://octokube.example.com", tokenFile);
    AgentOptions withCa = new AgentOptions(options.backendUrl(), options.tokenFile(), ca,
        options.heartbeatInterval(), options.heartbeatTimeout(), options.replayMaxDeltas(),
        options.replayMaxBytes(), options.outboxMaxDeltas(), options.outboxMaxBytes());
    assertThatThrownBy(withCa::validate).hasMessageContaining("--ca-file")
        .hasMessageContaining("holds no PEM certificate");
  }

  @Test
  void parsesDurationsAndSizesAsOperatorsWriteThem() {
    assertThat(AgentOptions.parseDuration("--heartbeat-interval", "500ms"))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(AgentOptions.parseDuration("--heartbeat-interval", "2m"))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(AgentOptions.parseDuration("--heartbeat-interval", "PT15S"))
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(AgentOptions.parseBytes("--replay-max-bytes", "64Mi")).isEqualTo(64L << 20);
    assertThat(AgentOptions.parseBytes("--replay-max-bytes", "4096")).isEqualTo(4096);
    assertThatThrownBy(() -> AgentOptions.parseDuration("--heartbeat-timeout", "soon"))
        .hasMessageContaining("--heartbeat-timeout takes a duration such as");
    assertThatThrownBy(() -> AgentOptions.parseBytes("--replay-max-bytes", "64MB"))
        .hasMessageContaining("--replay-max-bytes takes a size such as");
    assertThatThrownBy(() -> AgentOptions.parseBytes("--replay-max-bytes", "99999999999Gi"))
        .hasMessageContaining("too large");
  }
}
