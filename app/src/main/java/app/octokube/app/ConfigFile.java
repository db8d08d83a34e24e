package app.octokube.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings from a file: the properties file named by {@value #ENV}, read once at start. A key is
 * an option's long name without its dashes, alone ({@code port=8080}) or after its command's name
 * ({@code backend.policy=/etc/octokube/policy.yaml}), the latter winning. A flag on the command line
 * wins over the file, and the file over environment variables and built-in defaults.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  static final String ENV = "OCTOKUBE_CONFIG";

  private final Properties values;

  private ConfigFile(Properties values) {
    this.values = values;
  }

  /**
   * The settings of the file {@code path}.
   *
   * @throws BadConfiguration if it cannot be read
   */
  static ConfigFile load(Path path) {
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      values.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new BadConfiguration(ENV + " names " + path + ", which cannot be read as a properties file: "
          + e.getMessage());
    }
    return new ConfigFile(values);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return null;
    }
    String key = option.longestName().substring(2);
    String command = option.command() == null ? null : option.command().name();
    String scoped = command == null ? null : values.getProperty(command + "." + key);
    return scoped != null ? scoped : values.getProperty(key);
  }
}
