package app.octokube.agent.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bearer token the Agent presents to the Backend. It is a secret: {@link #toString()} never
 * shows it, and nothing in the link logs it.
 *
 * <p>A token read from a file is read again at every connection attempt, so a rotated Kubernetes
 * Secret mounted as a file is picked up without a restart. Thread-safe.
 */
public final class AgentToken {
  private final String inline;
  private final Path file;

  private AgentToken(String inline, Path file) {
    this.inline = inline;
    this.file = file;
  }

  /** A fixed token, for tests and local use. */
  public static AgentToken of(String value) {
    Objects.requireNonNull(value, "token");
    try {
      return new AgentToken(checked(value, "the agent token"), null);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A token read from {@code file} (surrounding whitespace and a final newline ignored). */
  public static AgentToken fromFile(Path file) {
    return new AgentToken(null, Objects.requireNonNull(file, "file"));
  }

  /**
   * The token now.
   *
   * @throws IOException if the file is missing, unreadable, empty, or holds more than one line
   *     of printable characters; the message names the file, never its content
   */
  String read() throws IOException {
    if (inline != null) {
      return inline;
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IOException("the agent token file " + file + " does not exist", e);
    }
    return checked(text, "the agent token file " + file);
  }

  /** Whether a header can carry the token: one line of visible ASCII, as RFC 6750 allows. */
  private static String checked(String raw, String what) throws IOException {
    String token = raw.strip();
    if (token.isEmpty()) {
      throw new IOException(what + " is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IOException(what + " must hold one token of visible ASCII characters");
      }
    }
    return token;
  }

  @Override
  public String toString() {
    return file != null ? "AgentToken[file=" + file + "]" : "AgentToken[inline, redacted]";
  }
}
