package app.octokube.bench;

import java.util.Arrays;

/** The few summary statistics the plain (non-JMH) harnesses print. */
final class Stats {
  private Stats() {}

  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  static double max(long[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  static double mean(long[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }

  /** Sample standard deviation; 0 for a single value. */
  static double stdev(long[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double sum = 0;
    for (long v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
