package app.octokube.bench.suite;

/**
 * One scenario of {@code octokube bench}: it starts what it needs on loopback, measures Octokube
 * and its baseline in the same run, stops everything it started (also on failure), and returns
 * its comparisons.
 *
 * <p>A scenario never hangs: every wait it makes is bounded, and a component that does not come
 * up fails the scenario with a message naming the component ({@link ScenarioFailure}).
 */
public interface Scenario {

  /** A short stable id, used in the JSON results and on the command line: {@code fan-out}. */
  String id();

  /** The heading in docs/benchmarks.md: {@code Fan-out to 1,000 clients}. */
  String title();

  /** Runs the scenario; {@code settings.quick()} asks for a run of at most a minute or two. */
  ScenarioResult run(Settings settings) throws Exception;
}
