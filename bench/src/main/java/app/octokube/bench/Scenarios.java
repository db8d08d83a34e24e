package app.octokube.bench;

import app.octokube.bench.suite.Scenario;
import java.util.List;

/** Every scenario {@code octokube bench} knows, in the order it runs them. */
public final class Scenarios {
  private Scenarios() {}

  /** A fresh instance of each scenario. */
  public static List<Scenario> all() {
    return List.of(
        new IngestScenario(),
        new SnapshotScenario(),
        new BrowserScenario());
  }
}
