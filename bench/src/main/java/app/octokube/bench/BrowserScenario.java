package app.octokube.bench;

import app.octokube.bench.suite.Comparison;
import app.octokube.bench.suite.Scenario;
import app.octokube.bench.suite.ScenarioFailure;
import app.octokube.bench.suite.ScenarioResult;
import app.octokube.bench.suite.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6, the browser's apply cost: the IDE's own performance run ({@code npm run perf} in
 * web/, real Chromium), whose modes are measured one after the other in the same run: the IDE
 * applying once per animation frame, and the baseline rendering once per message.
 *
 * <p>It needs a source checkout (web/ with its node_modules and Debian's chromium): the
 * scenario looks for web/package.json from the working directory upwards, installs and builds
 * the IDE if that was not done, and fails saying what is missing otherwise.
 */
public final class BrowserScenario implements Scenario {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long STEP_MINUTES = 6;

  @Override
  public String id() {
    return "browser";
  }

  @Override
  public String title() {
    return "Browser apply cost";
  }

  @Override
  public ScenarioResult run(Settings settings) throws Exception {
    Path web = findWeb().orElseThrow(() -> new ScenarioFailure(
        "the browser scenario runs the IDE's perf harness from a source checkout; no web/package.json in "
            + Path.of("").toAbsolutePath() + " or above it: run octokube bench from the repository"));
    if (!Files.isExecutable(CHROMIUM)) {
      throw new ScenarioFailure(CHROMIUM + " is missing: install Debian's chromium (apt-get install -y chromium)");
    }
    if (!Files.isDirectory(web.resolve("node_modules"))) {
      npm(settings, web, Map.of(), "ci");
    }
    if (!Files.exists(web.resolve("target/classes/webroot/index.html"))) {
      npm(settings, web, Map.of(), "run", "build");
    }
    int seconds = settings.quick() ? 4 : 10;
    Path results = web.resolve("target/perf.json");
    Files.deleteIfExists(results);
    npm(settings, web, Map.of("PERF_SECONDS", Integer.toString(seconds)), "run", "perf");
    if (!Files.exists(results)) {
      throw new ScenarioFailure("npm run perf finished without writing " + results);
    }
    Files.copy(results, settings.out().resolve("browser-perf.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode perf = new ObjectMapper().readTree(results.toFile());
    JsonNode frame = mode(perf, "frame");
    JsonNode message = mode(perf, "message");
    JsonNode floor = mode(perf, "floor");
    List<Comparison> comparisons = new ArrayList<>();
    comparisons.add(Comparison.lower("main-thread busy share", "", message.get("busyShare").asDouble(),
        frame.get("busyShare").asDouble(), null, "under 0.30 busy").withLimit(0.30));
    comparisons.add(Comparison.lower("main-thread CPU share", "", message.get("cpuShare").asDouble(),
        frame.get("cpuShare").asDouble(), null, ""));
    comparisons.add(Comparison.lower("tasks over 50 ms", "tasks", message.at("/longTasks/count").asDouble(),
        frame.at("/longTasks/count").asDouble(), null, "none").withLimit(0));
    comparisons.add(Comparison.higher("frames per second", "fps", message.get("framesPerSecond").asDouble(),
        frame.get("framesPerSecond").asDouble(), null, ""));
    JsonNode realistic = optionalMode(perf, "realistic");
    JsonNode realisticMessage = optionalMode(perf, "realistic-message");
    if (realistic != null && realisticMessage != null) {
      comparisons.add(Comparison.lower("main-thread busy share, bursts (100 frames/s of 20 changes)", "",
          realisticMessage.get("busyShare").asDouble(), realistic.get("busyShare").asDouble(), null, ""));
    }
    String reading = String.format(Locale.ROOT,
        "Chromium %s, headless, %,d rows, %,d changes/s each sent as its own delta (the worst case), %d s per"
            + " mode, modes one after the other in the same run (web/e2e/perf.run.ts, §5). The IDE receives and"
            + " decodes the stream in a worker and applies once per animation frame; the baseline receives, applies"
            + " and renders each message on the main thread. Busy share is the main thread's task time over wall"
            + " time (it includes waiting for a core when the machine is loaded); CPU share its CPU time. The bursts"
            + " row sends the same rate as the Backend does in practice, one frame per Agent version. The floor, a page that only receives and parses the same stream, is %.3f busy:"
            + " what the browser spends before the IDE does anything. Chromium, the mock Backend that sends the"
            + " stream and the harness share the machine's cores, unpinned. Raw results: browser-perf.json.",
        perf.path("chromium").asText("?"), perf.path("rows").asInt(), perf.path("changesPerSecond").asInt(),
        seconds, floor.get("busyShare").asDouble());
    return new ScenarioResult(comparisons, reading, Map.of("perf", new ObjectMapper().convertValue(perf, Map.class)));
  }

  private static JsonNode mode(JsonNode perf, String mode) {
    JsonNode result = optionalMode(perf, mode);
    if (result == null) {
      throw new ScenarioFailure("npm run perf reported no '" + mode + "' mode");
    }
    return result;
  }

  private static JsonNode optionalMode(JsonNode perf, String mode) {
    for (JsonNode result : perf.path("results")) {
      if (mode.equals(result.path("mode").asText())) {
        return result;
      }
    }
    return null;
  }

  private static Optional<Path> findWeb() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("web/package.json"))) {
        return Optional.of(dir.resolve("web"));
      }
    }
    return Optional.empty();
  }

  /** Runs npm in {@code web}, passing its output on as progress; bounded by {@link #STEP_MINUTES}. */
  private void npm(Settings settings, Path web, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("npm"));
    command.addAll(List.of(args));
    settings.say(this, "%s (in %s)", String.join(" ", command), web);
    ProcessBuilder builder = new ProcessBuilder(command).directory(web.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process npm;
    try {
      npm = builder.start();
    } catch (IOException e) {
      throw new ScenarioFailure("cannot run npm (Node 20 and npm are needed for the browser scenario): " + e.getMessage());
    }
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          settings.progress().println("    | " + line);
          settings.progress().flush();
        }
      } catch (IOException e) {
        // The process ended; nothing more to show.
      }
    }, "npm-output");
    pump.setDaemon(true);
    pump.start();
    try {
      if (!npm.waitFor(STEP_MINUTES, TimeUnit.MINUTES)) {
        throw new ScenarioFailure(String.join(" ", command) + " did not finish within " + STEP_MINUTES + " minutes");
      }
      if (npm.exitValue() != 0) {
        throw new ScenarioFailure(String.join(" ", command) + " failed with exit code " + npm.exitValue() + " (its output is above)");
      }
    } finally {
      npm.descendants().forEach(ProcessHandle::destroyForcibly);
      npm.destroyForcibly();
      pump.join(2_000);
    }
  }
}
