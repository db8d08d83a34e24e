package app.octokube.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the build's version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of this build.")
final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println("octokube " + version());
  }

  static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/octokube-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bundled version", e);
    }
  }

  /** Lets {@code octokube --version} print the same as {@code octokube version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"octokube " + version()};
    }
  }
}
