package app.octokube.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.octokube.app.e2e.NpmScript;
import app.octokube.app.e2e.StackControl;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The Web IDE end to end, in real Chromium, against the real Backend, the real Agent and the
 * simulated cluster of {@code octokube demo}: this test starts the demo in-process and a small
 * control endpoint (create and delete pods, restart the Agent), then runs the browser suite
 * {@code web/e2e/stack} ({@code npm run e2e:stack}) against both.
 *
 * <p>Skipped, with the reason, where Chromium or the IDE's {@code node_modules} is missing.
 * Screenshots of failed browser tests are kept in {@code web/target/e2e-screenshots/}.
 */
class StackE2EIT {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("OCTOKUBE_CHROMIUM", "/usr/bin/chromium"));
  private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(5);
  /**
   * The helpers, loaded with this class rather than on first use: another build in the same
   * working tree may recompile target/test-classes while this test runs, and a class looked up
   * late would then be missing (NoClassDefFoundError) halfway through.
   */
  private static final List<Class<?>> HELPERS =
      List.of(NpmScript.class, NpmScript.Result.class, StackControl.class, StackControl.AgentRestarter.class);

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void theIdeShowsTheRealStackLiveAndHonoursEachUsersRules() throws Exception {
    // Under Maven the working directory is the app module's.
    Path web = Path.of(System.getProperty("user.dir")).resolve("../web").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(CHROMIUM),
        "SKIPPED: " + CHROMIUM + " is not installed (apt-get install chromium); the browser tests need it");
    assumeTrue(Files.isDirectory(web.resolve("node_modules")),
        "SKIPPED: " + web.resolve("node_modules") + " is missing; run npm ci in " + web + " (or ./mvnw install -pl web)");

    DemoCommand command = new DemoCommand();
    new CommandLine(command).parseArgs("--port", "0", "--pods", "100", "--churn", "2",
        "--timezone", DemoCommandTest.zoneOutsideBobsWindow());
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    try (DemoCommand.Running demo = command.start(out);
        StackControl control = StackControl.start(demo.cluster().client(), demo::restartAgent)) {
      String url = demo.url().replaceAll("/+$", "");
      out.printf("stack e2e: the IDE at %s, the control endpoint at %s, bob's zone %s%n",
          url, control.url(), command.timezone);

      NpmScript.Result result = NpmScript.run(web, "e2e:stack",
          Map.of("OCTOKUBE_STACK_URL", url, "OCTOKUBE_STACK_CONTROL", control.url()), SUITE_TIMEOUT);

      assertThat(result.timedOut())
          .as("npm run e2e:stack finished within %s", SUITE_TIMEOUT)
          .isFalse();
      assertThat(result.exitCode())
          .as("npm run e2e:stack exit status (took %s; its output is above; screenshots of failed tests in %s)",
              result.took(), web.resolve("target/e2e-screenshots"))
          .isZero();
    }
  }
}
