package app.octokube.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the measuring half of each plain harness in this JVM on a few pods, so a broken harness
 * fails the build without the cost of its forks.
 */
class HarnessesTest {

  @Test
  void memoryFootprintMeasuresEveryHolder() {
    MemoryFootprint.Holders holders = new MemoryFootprint.Holders();
    System.setProperty("jol.magicFieldOffset", "true");
    for (String variant : MemoryFootprint.VARIANTS) {
      assertThat(holders.graphStats(variant, 20).totalSize()).as(variant).isPositive();
      List<String> results = resultsOf(() -> MemoryFootprint.child(variant, 20, 5));
      assertThat(results).as(variant).hasSize(1);
    }
  }

  @Test
  void snapshotPeakHeapMeasuresBothVariants() {
    for (String variant : List.of("oneWrite", "streamed")) {
      List<String> results = resultsOf(() -> SnapshotPeakHeap.child(variant, 100, 1));
      assertThat(results).as(variant).hasSize(1);
      long[] fields = Arrays.stream(results.get(0).split(" ")).mapToLong(Long::parseLong).toArray();
      assertThat(fields).hasSize(4);
      assertThat(fields[3]).as("output bytes").isPositive();
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  /** The result lines {@code body} prints, prefix removed. */
  private static List<String> resultsOf(Body body) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith(ForkedJvm.RESULT))
        .map(line -> line.substring(ForkedJvm.RESULT.length()))
        .toList();
  }
}
