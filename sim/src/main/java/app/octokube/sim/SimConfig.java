package app.octokube.sim;

/**
 * The shape of a simulated cluster.
 *
 * @param pods pods to seed, from 100 to 150,000 (deployments of {@link RealisticPods#REPLICAS})
 * @param nodes nodes the pods are spread over
 * @param churnPerSecond changes the churn generator makes per second; 0 for a still cluster
 * @param seed the churn's random seed, so a run can be repeated
 */
public record SimConfig(int pods, int nodes, double churnPerSecond, long seed) {
  public static final int MIN_PODS = 100;
  public static final int MAX_PODS = 150_000;

  public SimConfig {
    if (pods < MIN_PODS || pods > MAX_PODS) {
      throw new IllegalArgumentException("pods must be between 100 and 150,000, got " + pods);
    }
    if (nodes < 1 || nodes > 5_000) {
      throw new IllegalArgumentException("nodes must be between 1 and 5,000, got " + nodes);
    }
    if (churnPerSecond < 0 || churnPerSecond > 10_000) {
      throw new IllegalArgumentException("churn must be between 0 and 10,000 changes per second");
    }
  }

  /** A few hundred pods with visible churn: what the demo starts with. */
  public static SimConfig demo() {
    return new SimConfig(500, 12, 5, 42);
  }

  public SimConfig withPods(int value) {
    return new SimConfig(value, Math.max(nodes, Math.min(5_000, value / 30)), churnPerSecond, seed);
  }

  public SimConfig withChurn(double value) {
    return new SimConfig(pods, nodes, value, seed);
  }
}
