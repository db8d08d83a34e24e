package app.octokube.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the ingest benchmark (JMH's {@code -prof jfr}) and says where the
 * benchmark thread's time went, stage by stage: each execution sample is charged to the first
 * stage entry point found on its stack, counting from the benchmark method up, and within each
 * stage the hottest methods (the top of the stack) are listed.
 *
 * <p>With a method as second argument (say {@code Projector.project}), it also splits that
 * method's samples by which of its callees they fall in, which says which part of a stage to
 * look at first.
 *
 * <p>Usage: {@code java -cp benchmarks.jar app.octokube.bench.ProfileStages <recording.jfr>
 * [Class.method]}.
 * Record with {@code -XX:FlightRecorderOptions:stackdepth=512}: Jackson's parse is deep, and a
 * truncated stack cannot be charged (it is counted as such).
 */
public final class ProfileStages {
  /** Stage entry points, as {@code Class.method} suffixes, in the order the path runs them. */
  static final Map<String, String> STAGES = stages();

  private static final int TOP_METHODS = 8;

  private ProfileStages() {}

  private static Map<String, String> stages() {
    Map<String, String> stages = new LinkedHashMap<>();
    stages.put("bench.Fabric8Parser.parse", "fabric8 parse");
    stages.put("projection.Projectors.project", "projection");
    stages.put("engine.HotState.apply", "hot state apply");
    stages.put("protocol.Codec.encode", "delta encode");
    return stages;
  }

  public static void main(String[] args) throws IOException {
    String within = args.length > 1 ? args[1] : null;
    Map<String, Integer> byCallee = new HashMap<>();
    int withinSamples = 0;
    Map<String, Integer> samplesByStage = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> hottest = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      String stage = stageOf(frames, event.getStackTrace().isTruncated());
      if (stage == null) {
        continue;
      }
      total++;
      samplesByStage.merge(stage, 1, Integer::sum);
      hottest.computeIfAbsent(stage, s -> new HashMap<>()).merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      String callee = within == null ? null : calleeOf(frames, within);
      if (callee != null) {
        withinSamples++;
        byCallee.merge(callee, 1, Integer::sum);
      }
    }
    System.out.printf("%d samples of the benchmark thread%n", total);
    double all = total;
    for (Map.Entry<String, Integer> stage : samplesByStage.entrySet()) {
      System.out.printf("%n%5.1f%%  %s%n", 100.0 * stage.getValue() / all, stage.getKey());
      hottest.get(stage.getKey()).entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(TOP_METHODS)
          .forEach(m -> System.out.printf("        %5.1f%%  %s%n", 100.0 * m.getValue() / all, m.getKey()));
    }
    if (within != null) {
      System.out.printf("%n%s: %.1f%% of all samples, by callee (%% of all samples)%n", within, 100.0 * withinSamples / all);
      byCallee.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(m -> System.out.printf("        %5.1f%%  %s%n", 100.0 * m.getValue() / all, m.getKey()));
    }
  }

  /**
   * The method {@code method} called on this stack (its own frame if it is on top), or null
   * when {@code method} is not on the stack. The outermost occurrence counts, so a recursive
   * method is split by what its first call did.
   */
  private static String calleeOf(List<RecordedFrame> frames, String method) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (name(frames.get(i).getMethod()).endsWith(method)) {
        return i == 0 ? method + " (itself)" : name(frames.get(i - 1).getMethod());
      }
    }
    return null;
  }

  /**
   * The stage a sample belongs to, or null for a sample of another thread. Frames are top
   * first; the stage is the entry point nearest the benchmark method.
   */
  private static String stageOf(List<RecordedFrame> frames, boolean truncated) {
    int bench = -1;
    for (int i = 0; i < frames.size(); i++) {
      RecordedMethod method = frames.get(i).getMethod();
      if (method.getType().getName().equals(IngestBenchmark.class.getName())) {
        bench = i;
      }
    }
    if (bench < 0) {
      return truncated ? "(stack truncated)" : null;
    }
    for (int i = bench - 1; i >= 0; i--) {
      String name = name(frames.get(i).getMethod());
      for (Map.Entry<String, String> stage : STAGES.entrySet()) {
        if (name.endsWith(stage.getKey())) {
          return stage.getValue();
        }
      }
    }
    return "other (events, lists, delta record)";
  }

  private static String name(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }
}
