package app.octokube.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Opens a URL in the user's browser, or says how to when it cannot. */
final class Browser {
  private Browser() {}

  static void open(String url, PrintWriter err) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    List<String> command = os.contains("mac") ? List.of("open", url)
        : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
        : List.of("xdg-open", url);
    try {
      new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      err.println("could not open a browser (" + command.get(0) + "): open " + url + " yourself");
      err.flush();
    }
  }
}
