package app.octokube.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class OctokubeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Octokube.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "up", "agent", "backend", "bench", "version"})
  void everySubcommandDocumentsItsOptions(String subcommand) {
    assertThat(run(subcommand, "--help")).isZero();
    assertThat(out.toString()).contains("Usage: octokube " + subcommand);
  }

  @Test
  void theAgentWithoutABackendOrTokenExitsWithTwoNamingBoth() {
    assertThat(run("agent")).isEqualTo(2);
    assertThat(err.toString()).contains("--backend-url").contains("--token-file");
  }

  @Test
  void theAgentRefusesAnUnsupportedScheme(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0ken");
    assertThat(run("agent", "--backend-url", "ftp://x", "--token-file", token.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--backend-url");
  }

  @Test
  void theBackendWithoutAPolicyExitsWithTwo(@TempDir Path dir) throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "c1: " + "a".repeat(64) + "\n");
    assertThat(run("backend", "--agent-tokens", tokens.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--policy is required");
  }

  @Test
  void theBackendNamesTheLineOfABadPolicy(@TempDir Path dir) throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "c1: " + "a".repeat(64) + "\n");
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        "roles:\n  - name: r\n    allow:\n      - resources: [pods]\n        verbs: [veiw]\n");
    assertThat(run("backend", "--agent-tokens", tokens.toString(), "--policy", policy.toString(), "--port", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("line 5");
  }

  @Test
  void theBackendRefusesAMalformedAgentTokenFile(@TempDir Path dir) throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "c1: not-a-hash\n");
    assertThat(run("backend", "--agent-tokens", tokens.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 1").doesNotContain("not-a-hash");
  }

  @Test
  void theDemoRefusesASizeOutOfRange() {
    assertThat(run("demo", "--pods", "5")).isEqualTo(2);
    assertThat(err.toString()).contains("between 100 and 150,000");
  }

  @Test
  void anUnknownFlagExitsWithTwo() {
    assertThat(run("demo", "--no-such-flag")).isEqualTo(2);
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("octokube ");
  }

  private int runWithConfig(Path file, String... args) {
    CommandLine cl = Octokube.commandLine(file);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void aConfigFileSetsOptionsPerCommand(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("octokube.properties"), "demo.pods=5\nagent.backend-url=ftp://x\n");

    assertThat(runWithConfig(config, "demo")).isEqualTo(2);
    assertThat(err.toString()).contains("between 100 and 150,000");
  }

  @Test
  void aFlagWinsOverTheConfigFile(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("octokube.properties"), "backend.agent-tokens=/nonexistent/tokens\n");
    Path tokens = Files.writeString(dir.resolve("tokens"), "c1: " + "a".repeat(64) + "\n");

    // The flag's tokens file is read (the file's would fail first), so the next problem is named.
    assertThat(runWithConfig(config, "backend", "--agent-tokens", tokens.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--policy is required").doesNotContain("/nonexistent");
  }

  @Test
  void theConfigFileFillsWhatNoFlagGives(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("octokube.properties"), "backend.agent-tokens=/nonexistent/tokens\n");

    assertThat(runWithConfig(config, "backend")).isEqualTo(2);
    assertThat(err.toString()).contains("/nonexistent/tokens cannot be read");
  }

  @Test
  void anUnreadableConfigFileIsABadConfiguration(@TempDir Path dir) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Octokube.commandLine(dir.resolve("missing.properties")))
        .isInstanceOf(BadConfiguration.class)
        .hasMessageContaining("OCTOKUBE_CONFIG");
  }

  @Test
  void benchRefusesAnOutputDirectoryItCannotCreate(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(run("bench", "--quick", "--out", file.resolve("results").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--out");
  }

  @Test
  void benchListsItsScenarios() {
    assertThat(run("bench", "--list")).isZero();
    assertThat(out.toString()).contains("apiserver-load ").contains("latency ").contains("fan-out ").contains("snapshot-storm ").contains("slow-consumers ")
        .contains("ingest ").contains("snapshot ").contains("browser ");
  }

  @Test
  void benchNamesTheScenariosWhenAskedForOneItDoesNotHave(@TempDir Path dir) {
    assertThat(run("bench", "--only", "ingest,fanout-typo", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no scenario fanout-typo").contains("apiserver-load, fan-out, snapshot-storm");
  }
}
