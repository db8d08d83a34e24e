package app.octokube.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutScenarioTest {
  @TempDir
  Path out;

  @Test
  void aTinyRunComparesTheTwoBackendsAndEveryClientGetsEveryChangeOfItsClass() throws Exception {
    StringWriter progress = new StringWriter();
    FanoutScenario scenario = new FanoutScenario(new FanoutScenario.Size(40, 4, 10, 400, 2, 2, 1));

    ScenarioResult result = scenario.run(new Settings(true, out, new PrintWriter(progress)));

    assertThat(result.comparisons()).hasSize(3);
    assertThat(result.comparisons().get(0).unit()).isEqualTo("deliveries/s");
    @SuppressWarnings("unchecked")
    Map<String, Object> delivered = (Map<String, Object>) result.details().get("everyChangeDelivered");
    assertThat(delivered).containsEntry("encode_per_client", true).containsEntry("product", true);
    List<?> ours = (List<?>) result.details().get("octokubeSteps");
    assertThat(ours).isNotEmpty();
    // Something was measured: deliveries arrived and the Backend's own counters moved.
    Map<?, ?> first = (Map<?, ?>) ours.get(0);
    assertThat((Long) first.get("deliveries")).isPositive();
    assertThat((Double) first.get("backendBytesAllocatedPerDelivery")).isPositive();
    assertThat(result.reading()).contains("encodePerClient");
  }
}
