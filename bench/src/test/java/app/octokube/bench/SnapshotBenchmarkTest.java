package app.octokube.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the snapshot benchmark's setup and one call of each benchmark, on a few pods. */
class SnapshotBenchmarkTest {

  @Test
  void everyBenchmarkRunsOnceOverEveryPod() throws Exception {
    SnapshotBenchmark bench = new SnapshotBenchmark();
    bench.pods = 400;
    bench.chunkBytes = 1 << 20;
    bench.setUp();
    try {
      SnapshotFixture.StreamedSnapshot all = bench.streamedTotal();
      SnapshotFixture.StreamedSnapshot first = bench.streamedFirstChunk();
      byte[] oneWrite = bench.oneWriteTotal();

      assertThat(all.items()).isEqualTo(400);
      assertThat(all.chunks()).isGreaterThan(1);
      assertThat(first.chunks()).isEqualTo(1);
      assertThat(first.items()).isLessThan(400);
      // The same items and envelope fields, once in one frame and once spread over several.
      assertThat((double) oneWrite.length).isCloseTo(all.bytes(), org.assertj.core.data.Percentage.withPercentage(2));
    } finally {
      bench.tearDown();
    }
  }
}
