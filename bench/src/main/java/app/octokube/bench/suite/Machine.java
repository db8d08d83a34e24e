package app.octokube.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the numbers were measured on: read from the JVM and, on Linux, from /proc. */
public record Machine(int cores, String cpu, long memoryMiB, String javaVersion, String os) {

  /** This machine. */
  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        cpuModel().orElse("unknown CPU"),
        readMemoryMiB(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  /** The 1-minute load average, or -1 where the system does not tell. */
  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** As the JSON results show it. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cores", cores);
    map.put("cpu", cpu);
    map.put("memoryMiB", memoryMiB);
    map.put("java", javaVersion);
    map.put("os", os);
    return map;
  }

  @Override
  public String toString() {
    return String.format("%d cores, %s, %,d MiB, %s, %s", cores, cpu, memoryMiB, javaVersion, os);
  }

  private static Optional<String> cpuModel() {
    return procLine("/proc/cpuinfo", "model name");
  }

  private static long readMemoryMiB() {
    return procLine("/proc/meminfo", "MemTotal")
        .map(value -> Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024)
        .orElse(-1L);
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
