package app.octokube.bench;

import app.octokube.bench.cluster.ApiserverLoadScenario;
import app.octokube.bench.cluster.LatencyScenario;
import app.octokube.bench.fanout.FanoutScenario;
import app.octokube.bench.fanout.SlowConsumersScenario;
import app.octokube.bench.fanout.SnapshotStormScenario;
import app.octokube.bench.suite.Scenario;
import java.util.List;

/** Every scenario {@code octokube bench} knows, in the order it runs them. */
public final class Scenarios {
  private Scenarios() {}

  /**
   * A fresh instance of each scenario. Slow consumers runs at half the fan-out's top rate, which
   * it reuses when the fan-out ran before it in the same JVM.
   */
  public static List<Scenario> all() {
    return List.of(
        new ApiserverLoadScenario(),
        new FanoutScenario(),
        new SnapshotStormScenario(),
        new SlowConsumersScenario(),
        new LatencyScenario(),
        new IngestScenario(),
        new SnapshotScenario(),
        new BrowserScenario());
  }
}
