package app.octokube.app;

/** A configuration the command cannot run with; the message says what to fix. Exit status 2. */
final class BadConfiguration extends RuntimeException {
  BadConfiguration(String message) {
    super(message);
  }
}
