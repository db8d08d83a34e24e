package app.octokube.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackendJvmTest {
  @Test
  void theBenchmarkedBackendRunsOnTheCollectorTheChartGivesIt() throws IOException {
    Path chart = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(chart.resolve("deploy/helm/octokube"))) {
      chart = chart.getParent();
    }
    String deployment = Files.readString(chart.resolve("deploy/helm/octokube/templates/backend-deployment.yaml"));

    assertThat(deployment).contains("value: \"" + BackendJvm.BACKEND_COLLECTOR + "\"");
  }
}
