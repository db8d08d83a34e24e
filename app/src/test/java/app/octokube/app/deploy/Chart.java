package app.octokube.app.deploy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Helm chart in deploy/helm/octokube, rendered with Helm's own code (helm-java) as
 * {@code helm template} would, for release {@value #RELEASE} in namespace {@value #NAMESPACE}.
 *
 * <p>Renders are cached by values text: the same values always render the same manifests, and
 * the suite stays fast however many tests look at one scenario.
 */
final class Chart {
  static final String RELEASE = "ok";
  static final String NAMESPACE = "octokube";

  private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

  private Chart() {}

  /** The repository's root: the first directory above the working directory that holds the chart. */
  static Path repositoryRoot() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/helm/octokube/Chart.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no deploy/helm/octokube above " + Paths.get("").toAbsolutePath());
  }

  static Path chartDirectory() {
    return repositoryRoot().resolve("deploy/helm/octokube");
  }

  static String read(String relativePath) {
    try {
      return Files.readString(repositoryRoot().resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The manifests the chart renders with these values on top of values.yaml.
   *
   * @throws AssertionError with Helm's message if the chart refuses them
   */
  static Manifests render(String valuesYaml) {
    Object result = CACHE.computeIfAbsent(valuesYaml, Chart::template);
    if (result instanceof RuntimeException refused) {
      throw new AssertionError("the chart refused these values: " + refused.getMessage()
          + "\n--- values ---\n" + valuesYaml, refused);
    }
    return (Manifests) result;
  }

  /**
   * Helm's message when the chart refuses these values.
   *
   * @throws AssertionError if the chart renders them
   */
  static String refusal(String valuesYaml) {
    Object result = CACHE.computeIfAbsent(valuesYaml, Chart::template);
    if (result instanceof RuntimeException refused) {
      return refused.getMessage();
    }
    throw new AssertionError("the chart rendered values it should refuse:\n" + valuesYaml);
  }

  /**
   * What {@code helm install} prints for these values, NOTES.txt included, from a client-side dry
   * run: {@code helm template} never renders the notes, yet an error in them fails an install.
   */
  static String installOutput(String valuesYaml) {
    try {
      Path values = Files.createTempFile("octokube-values-", ".yaml");
      try {
        Files.writeString(values, valuesYaml);
        return new Helm(chartDirectory()).install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(values)
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly()
            .call()
            .getOutput();
      } finally {
        Files.deleteIfExists(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A render, or the exception Helm refused it with (cached like a render). */
  private static Object template(String valuesYaml) {
    try {
      Path values = Files.createTempFile("octokube-values-", ".yaml");
      try {
        Files.writeString(values, valuesYaml);
        String text = new Helm(chartDirectory()).template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(values)
            .call();
        return Manifests.parse(text);
      } finally {
        Files.deleteIfExists(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException e) {
      // helm-java reports template errors ("fail", "required") and bad values this way.
      return e;
    }
  }
}
