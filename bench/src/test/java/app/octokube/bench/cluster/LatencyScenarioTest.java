package app.octokube.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyScenarioTest {
  @TempDir Path out;

  @Test
  void everyWriteReachesBothObserversAndEachRateGetsAP50AndAP99() throws Exception {
    ScenarioResult result = new LatencyScenario(1, 0.5)
        .run(new Settings(true, out, new PrintWriter(new StringWriter(), true)));

    assertThat(result.comparisons()).extracting(Comparison::metric).containsExactly(
        "p50 write to client, 100 changes/s", "p99 write to client, 100 changes/s",
        "p50 write to client, 2,000 changes/s", "p99 write to client, 2,000 changes/s");
    for (Comparison c : result.comparisons()) {
      assertThat(c.ours()).isPositive();
      assertThat(c.baseline()).isPositive();
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rates = (List<Map<String, Object>>) result.details().get("rates");
    for (Map<String, Object> rate : rates) {
      assertThat(rate.get("allArrived")).isEqualTo(true);
      assertThat(((Map<?, ?>) rate.get("octokube")).get("missing")).isEqualTo(0);
      assertThat(((Map<?, ?>) rate.get("baseline")).get("missing")).isEqualTo(0);
    }
    assertThat(result.details().get("writeFailures")).isEqualTo(0L);
  }

  @Test
  void aLaterStateOfAPodAccountsForTheEarlierWritesItReplaced() {
    Arrivals arrivals = new Arrivals(2, 6);
    arrivals.seen("{\"metadata\":{\"annotations\":{\"bench.octokube.app/seq\":\"4\"}}}", 10);
    arrivals.seen("{\"metadata\":{\"name\":\"no-annotation\"}}", 11);
    arrivals.seen("{\"metadata\":{\"annotations\":{\"bench.octokube.app/seq\":\"1\"}}}", 12);

    assertThat(arrivals.arrival(0)).isEqualTo(10);
    assertThat(arrivals.arrival(2)).isEqualTo(10);
    assertThat(arrivals.arrival(4)).isEqualTo(10);
    assertThat(arrivals.arrival(1)).isEqualTo(12);
    assertThat(arrivals.arrival(3)).isZero();
    assertThat(arrivals.allArrived(0, 3)).isTrue();
    assertThat(arrivals.allArrived(0, 4)).isFalse();
  }
}
