package app.octokube.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the ingest benchmark's setup and one call of each benchmark, on a few pods. Each gets its
 * own instance, as each gets its own state in a JMH fork.
 */
class IngestBenchmarkTest {

  @Test
  void everyBenchmarkRunsOnceAndProducesItsResult() {
    assertThat(started().fabric8Parse(new CpuClock()).getMetadata().getName()).isNotEmpty();
    assertThat(new String(started().parseProjectApplyEncode(new CpuClock()))).contains("\"op\":\"delta\"", "\"type\":\"upsert\"");
    assertThat(new String(started().parseProjectApplyEncodeBatch100(new CpuClock()))).contains("\"op\":\"delta\"");
  }

  @Test
  void everyStageBenchmarkRunsOnce() {
    IngestStagesBenchmark stages = new IngestStagesBenchmark();
    stages.pods = 10;
    stages.setUp(25);
    assertThat(stages.parseBesideOurs().getMetadata().getName()).isNotEmpty();
    assertThat(stages.parseProject().json().size()).isPositive();
    assertThat(stages.parseProjectApplyEncode()).isNotEmpty();
  }

  private static IngestBenchmark started() {
    IngestBenchmark bench = new IngestBenchmark();
    bench.pods = IngestBenchmark.BATCH;
    bench.setUp();
    return bench;
  }
}
