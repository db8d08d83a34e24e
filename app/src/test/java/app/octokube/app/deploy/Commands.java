package app.octokube.app.deploy;

import app.octokube.app.Octokube;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What the {@code octokube} command reads, taken from its picocli model and annotations. */
final class Commands {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)(?::-([^}]*))?}");

  private Commands() {}

  static CommandSpec subcommand(String name) {
    CommandLine sub = Octokube.commandLine().getSubcommands().get(name);
    if (sub == null) {
      throw new AssertionError("octokube has no subcommand " + name);
    }
    return sub.getCommandSpec();
  }

  /**
   * The environment variables a subcommand's options fall back to, as written in their
   * annotations ({@code defaultValue = "${env:NAME}"}): the raw text, since picocli's own model
   * holds the value already resolved against this JVM's environment.
   */
  static Set<String> environmentVariables(String subcommand) {
    Set<String> names = new LinkedHashSet<>();
    for (Option option : options(subcommand)) {
      Matcher m = ENV.matcher(option.defaultValue());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The fallback written after {@code :-} in an option's {@code ${env:NAME:-fallback}} default. */
  static String envFallback(String subcommand, String optionName) {
    for (Option option : options(subcommand)) {
      if (Set.of(option.names()).contains(optionName)) {
        Matcher m = ENV.matcher(option.defaultValue());
        return m.matches() && m.group(2) != null ? m.group(2) : option.defaultValue();
      }
    }
    throw new AssertionError("octokube " + subcommand + " has no option " + optionName);
  }

  private static Set<Option> options(String subcommand) {
    Set<Option> options = new LinkedHashSet<>();
    for (Class<?> type = subcommand(subcommand).userObject().getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        Option option = field.getAnnotation(Option.class);
        if (option != null) {
          options.add(option);
        }
      }
    }
    return options;
  }
}
