package app.octokube.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code octokube} command. Each subcommand runs one part of the product; configuration comes
 * from flags, environment variables and files, and a bad configuration exits with status 2 and a
 * message saying what to fix.
 */
@Command(
    name = "octokube",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "A team Web IDE for Kubernetes: live, consistent cluster views for everyone, "
        + "one watch per resource type on the apiserver.",
    footer = {"", "Settings can also come from a properties file named by OCTOKUBE_CONFIG: keys are option names",
        "without dashes, alone (port=8080) or after a command (backend.policy=/etc/octokube/policy.yaml).",
        "Flags win over the file, the file over environment variables and defaults."},
    subcommands = {DemoCommand.class, UpCommand.class, AgentSubcommand.class, BackendSubcommand.class, BenchCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Octokube implements Runnable {

  /** Exit status for a configuration the command cannot run with. */
  public static final int EXIT_BAD_CONFIG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit status for a failure while running. */
  public static final int EXIT_FAILURE = 1;

  public static CommandLine commandLine() {
    String file = System.getenv(ConfigFile.ENV);
    return commandLine(file == null || file.isBlank() ? null : java.nio.file.Path.of(file));
  }

  /**
   * The command, with defaults from {@code configFile} when given.
   *
   * @throws BadConfiguration if the file cannot be read
   */
  static CommandLine commandLine(java.nio.file.Path configFile) {
    CommandLine cl = new CommandLine(new Octokube());
    if (configFile != null) {
      cl.setDefaultValueProvider(ConfigFile.load(configFile));
    }
    // Bad flags already exit with 2 (picocli's invalid-input status). A configuration found bad
    // while starting gets the same status and one clear message, not a stack trace.
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof BadConfiguration) {
        commandLine.getErr().println("octokube " + commandLine.getCommandName() + ": " + e.getMessage());
        return EXIT_BAD_CONFIG;
      }
      throw e;
    });
    cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_BAD_CONFIG : EXIT_FAILURE);
    return cl;
  }

  public static void main(String[] args) {
    CommandLine cl;
    try {
      cl = commandLine();
    } catch (BadConfiguration e) {
      System.err.println("octokube: " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    System.exit(cl.execute(args));
  }
}
