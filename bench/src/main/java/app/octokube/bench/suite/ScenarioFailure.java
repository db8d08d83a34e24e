package app.octokube.bench.suite;

/** A scenario could not measure: a component did not come up, or a bounded wait ran out. */
public final class ScenarioFailure extends RuntimeException {
  public ScenarioFailure(String message) {
    super(message);
  }

  public ScenarioFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
