package app.octokube.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged jar, run as a user runs it: {@code java -jar octokube.jar …}. */
class JarIT {
  private record Result(int status, String output) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", System.getProperty("octokube.jar")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar answered in time").isTrue();
    return new Result(process.exitValue(), output);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "up", "agent", "backend", "bench", "version"})
  void theJarDocumentsEveryCommand(String subcommand) throws Exception {
    Result result = subcommand.isEmpty() ? run("--help") : run(subcommand, "--help");

    assertThat(result.status()).isZero();
    assertThat(result.output()).contains("Usage: octokube" + (subcommand.isEmpty() ? "" : " " + subcommand));
  }

  @ParameterizedTest
  @ValueSource(strings = {"agent", "backend"})
  void aMissingConfigurationExitsWithTwo(String subcommand) throws Exception {
    Result result = run(subcommand);

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.output()).contains("octokube " + subcommand + ":");
  }
}
