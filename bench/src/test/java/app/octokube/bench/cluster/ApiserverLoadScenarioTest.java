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

class ApiserverLoadScenarioTest {
  @TempDir Path out;

  @Test
  void octokubeWatchesAsManyTypesAsItViewsWhateverTheTeamWhileTheBaselineWatchesPerUserPerView() throws Exception {
    StringWriter progress = new StringWriter();
    ScenarioResult result = new ApiserverLoadScenario(List.of(1, 3), 10)
        .run(new Settings(true, out, new PrintWriter(progress, true)));

    assertThat(result.comparisons()).hasSize(5);
    Comparison one = result.comparisons().get(0);
    Comparison three = result.comparisons().get(1);
    assertThat(one.ours()).isEqualTo(5);
    assertThat(three.ours()).isEqualTo(5);
    assertThat(one.baseline()).isEqualTo(5);
    assertThat(three.baseline()).isEqualTo(15);
    Comparison requestsOne = result.comparisons().get(2);
    Comparison requestsThree = result.comparisons().get(3);
    assertThat(requestsThree.ours()).isEqualTo(requestsOne.ours());
    assertThat(requestsThree.baseline()).isEqualTo(3 * requestsOne.baseline());
    Comparison everyType = result.comparisons().get(4);
    assertThat(everyType.ours()).isGreaterThan(5);
    assertThat(result.reading()).isNotBlank();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> baseline = (List<Map<String, Object>>) result.details().get("baseline");
    assertThat(baseline).extracting(step -> step.get("listRequests")).containsExactly(5L, 15L);
  }
}
