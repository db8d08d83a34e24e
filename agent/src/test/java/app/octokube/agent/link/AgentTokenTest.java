package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTokenTest {
  @TempDir Path dir;

  @Test
  void readsTheFileAgainAtEachAttemptSoARotatedSecretIsPickedUp() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "first-token\n");
    AgentToken token = AgentToken.fromFile(file);
    assertThat(token.read()).isEqualTo("first-token");

    Files.writeString(file, "second-token\n");
    assertThat(token.read()).isEqualTo("second-token");
  }

  @Test
  void neverShowsTheTokenWhenPrinted() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "t0k3n-c4n4ry");
    assertThat(AgentToken.of("t0k3n-c4n4ry").toString()).doesNotContain("t0k3n-c4n4ry");
    assertThat(AgentToken.fromFile(file).toString()).doesNotContain("t0k3n-c4n4ry");
  }

  @Test
  void refusesAFileThatIsNotOneTokenWithoutQuotingIt() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "half-a-t0k3n\nother-half");
    assertThatThrownBy(() -> AgentToken.fromFile(file).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageNotContaining("t0k3n");

    Files.writeString(file, "  \n");
    assertThatThrownBy(() -> AgentToken.fromFile(file).read()).hasMessageContaining("is empty");
    assertThatThrownBy(() -> AgentToken.fromFile(dir.resolve("missing")).read())
        .hasMessageContaining("does not exist");
  }
}
