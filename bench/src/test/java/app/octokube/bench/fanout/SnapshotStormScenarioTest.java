package app.octokube.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStormScenarioTest {
  @TempDir
  Path out;

  @Test
  void aTinyStormIsOneAgentRequestForOctokubeAndOnePerClientForTheBaseline() throws Exception {
    SnapshotStormScenario scenario = new SnapshotStormScenario(
        new SnapshotStormScenario.Size(12, 4, 400, 30, 30, "512m"));

    ScenarioResult result = scenario.run(new Settings(true, out, new PrintWriter(new StringWriter())));

    Comparison requests = result.comparisons().get(0);
    assertThat(requests.ours()).isEqualTo(1);
    assertThat(requests.baseline()).isEqualTo(12);
    Map<?, ?> ours = (Map<?, ?>) result.details().get("octokube");
    Map<?, ?> baseline = (Map<?, ?>) result.details().get("baseline");
    // With a cap far above what a tiny storm needs, both finish and every client got its snapshot.
    assertThat(ours.get("allLive")).isEqualTo(true);
    assertThat(baseline.get("allLive")).isEqualTo(true);
    assertThat((Double) ours.get("peakHeapMiB")).isPositive();
    // Each client received its namespace's 100 pods of about 1.4 KB twice: before and after the restart.
    assertThat((Long) ours.get("bytesToClients")).isGreaterThan(12L * 100 * 1000);
  }

  @Test
  void theBaselineMayRunLongEnoughToShowTheGoalWhenOctokubeIsSlow() {
    SnapshotStormScenario.Size size = new SnapshotStormScenario.Size(1000, 20, 150_000, 110, 150, "3g");

    assertThat(size.baselineCapSeconds(5)).isEqualTo(110);
    // 10x the goal, 10% more so a baseline stopped at its cap has shown it: 15.1 s x 11 = 166.1 s.
    assertThat(size.baselineCapSeconds(15.1)).isEqualTo(167);
  }
}
