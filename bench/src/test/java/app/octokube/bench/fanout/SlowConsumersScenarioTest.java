package app.octokube.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowConsumersScenarioTest {
  @TempDir
  Path out;

  @Test
  @SuppressWarnings("unchecked")
  void aTinyRunMeasuresCleanAndSlowRunsInPairsThenTheBaseline() throws Exception {
    FanoutScenario.Size fan = new FanoutScenario.Size(40, 4, 10, 400, 2, 1, 1);
    // As if the fan-out scenario had run first in this JVM and found 800 deliveries/s.
    FanoutScenario.lastProduct = new FanoutScenario.Measured(fan, 800);
    SlowConsumersScenario scenario = new SlowConsumersScenario(new SlowConsumersScenario.Size(fan, 1, 0.1, 0.05, 2, 1));

    ScenarioResult result = scenario.run(new Settings(true, out, new PrintWriter(new StringWriter())));

    assertThat(result.comparisons()).hasSize(3);
    assertThat(result.details()).containsKeys("clean", "octokube", "baseline");
    for (String run : List.of("clean", "octokube", "baseline")) {
      Map<?, ?> measured = (Map<?, ?>) result.details().get(run);
      assertThat((Long) measured.get("deliveries")).as(run).isPositive();
      assertThat(measured.get("allArrived")).as(run).isEqualTo(true);
      assertThat(((Map<?, ?>) measured.get("onset")).get("p99Ms")).as(run).isNotNull();
    }
    assertThat((List<Object>) result.details().get("cleanRuns")).hasSize(2).contains(result.details().get("clean"));
    assertThat((List<Object>) result.details().get("octokubeRuns")).hasSize(2).contains(result.details().get("octokube"));
    assertThat(result.details()).containsEntry("slowClients", 4).containsEntry("stalledClients", 2)
        .containsEntry("deliveriesPerSecond", 400.0);
  }

  @Test
  void theRunComparedIsTheMedianOrTheLowerMiddleOne() {
    assertThat(SlowConsumersScenario.median(List.of(90.0, 30.0, 60.0), p99 -> p99)).isEqualTo(60.0);
    assertThat(SlowConsumersScenario.median(List.of(90.0, 30.0, 60.0, 40.0), p99 -> p99)).isEqualTo(40.0);
    assertThat(SlowConsumersScenario.median(List.of(70.0), p99 -> p99)).isEqualTo(70.0);
  }

  @Test
  void slowAndStalledClientsAreSpreadOverTheAccessClasses() {
    List<StreamClients.Mode> modes = SlowConsumersScenario.modes(1000, 0.1, 0.01);

    assertThat(Collections.frequency(modes, StreamClients.Mode.SLOW)).isEqualTo(100);
    assertThat(Collections.frequency(modes, StreamClients.Mode.STALLED)).isEqualTo(10);
    long classesWithSlow = java.util.stream.IntStream.range(0, 1000)
        .filter(i -> modes.get(i) == StreamClients.Mode.SLOW).map(i -> i % 20).distinct().count();
    assertThat(classesWithSlow).isGreaterThan(15);
  }
}
