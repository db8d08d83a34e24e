package app.octokube.agent.link;

import app.octokube.agent.engine.QueueConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code octokube agent} that concern the link and the queue, as plain values: the
 * command maps its flags onto this record and calls {@link #validate()}, which checks them all at
 * once and says, per flag, what to fix. Nothing here knows picocli.
 *
 * @param backendUrl {@value #BACKEND_URL}: the Backend's base URL, {@code wss://…} or
 *     {@code ws://…} for local use
 * @param tokenFile {@value #TOKEN_FILE}: a file holding the agent's bearer token
 * @param caFile {@value #CA_FILE}: PEM CA certificates to trust for {@code wss://}, or null for
 *     the JVM's default trust store
 * @param heartbeatInterval {@value #HEARTBEAT_INTERVAL}
 * @param heartbeatTimeout {@value #HEARTBEAT_TIMEOUT}
 * @param replayMaxDeltas {@value #REPLAY_MAX_DELTAS}: deltas the replay log keeps for resumes
 * @param replayMaxBytes {@value #REPLAY_MAX_BYTES}: encoded bytes the replay log keeps at most
 * @param outboxMaxDeltas {@value #OUTBOX_MAX_DELTAS}: deltas waiting for a slow socket at most
 * @param outboxMaxBytes {@value #OUTBOX_MAX_BYTES}: bytes waiting for a slow socket at most
 */
public record AgentOptions(
    String backendUrl,
    Path tokenFile,
    Path caFile,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    int replayMaxDeltas,
    long replayMaxBytes,
    int outboxMaxDeltas,
    long outboxMaxBytes) {

  public static final String BACKEND_URL = "--backend-url";
  public static final String TOKEN_FILE = "--token-file";
  public static final String CA_FILE = "--ca-file";
  public static final String HEARTBEAT_INTERVAL = "--heartbeat-interval";
  public static final String HEARTBEAT_TIMEOUT = "--heartbeat-timeout";
  public static final String REPLAY_MAX_DELTAS = "--replay-max-deltas";
  public static final String REPLAY_MAX_BYTES = "--replay-max-bytes";
  public static final String OUTBOX_MAX_DELTAS = "--outbox-max-deltas";
  public static final String OUTBOX_MAX_BYTES = "--outbox-max-bytes";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern BYTES = Pattern.compile("(\\d+)(|Ki|Mi|Gi)");

  /** Every option at its default but the two that have none. */
  public static AgentOptions defaults(String backendUrl, Path tokenFile) {
    return new AgentOptions(backendUrl, tokenFile, null, LinkConfig.HEARTBEAT_INTERVAL,
        LinkConfig.HEARTBEAT_TIMEOUT, QueueConfig.DEFAULTS.replayMaxDeltas(),
        QueueConfig.DEFAULTS.replayMaxBytes(), LinkConfig.OUTBOX_MAX_DELTAS,
        LinkConfig.OUTBOX_MAX_BYTES);
  }

  /** What the options make: the link's and the queue's configuration, and the token. */
  public record Valid(LinkConfig link, QueueConfig queue, AgentToken token) {}

  /** Options that cannot run; {@link #getMessage()} lists every problem, one per line. */
  public static final class Invalid extends IllegalArgumentException {
    private final transient List<String> problems;

    Invalid(List<String> problems) {
      super(String.join(System.lineSeparator(), problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Checks every option, the files included (the token file is read, never shown), and builds
   * the configuration.
   *
   * @throws Invalid naming each option at fault and what to do
   */
  public Valid validate() {
    List<String> problems = new ArrayList<>();
    checkBackendUrl(problems);
    AgentToken token = checkTokenFile(problems);
    checkCaFile(problems);
    if (isNotPositive(heartbeatInterval)) {
      problems.add(HEARTBEAT_INTERVAL + " must be a positive duration, e.g. 5s");
    }
    if (isNotPositive(heartbeatTimeout)) {
      problems.add(HEARTBEAT_TIMEOUT + " must be a positive duration, e.g. 15s");
    } else if (!isNotPositive(heartbeatInterval)
        && heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
      problems.add(HEARTBEAT_TIMEOUT + " (" + heartbeatTimeout + ") must be longer than "
          + HEARTBEAT_INTERVAL + " (" + heartbeatInterval + "), or every quiet link looks dead");
    }
    checkBounds(problems);
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    LinkConfig link = LinkConfig.of(backendUrl)
        .withCaFile(caFile)
        .withHeartbeat(heartbeatInterval, heartbeatTimeout)
        .withOutbox(outboxMaxDeltas, outboxMaxBytes);
    return new Valid(link, QueueConfig.DEFAULTS.withReplay(replayMaxDeltas, replayMaxBytes), token);
  }

  private void checkBackendUrl(List<String> problems) {
    if (backendUrl == null || backendUrl.isBlank()) {
      problems.add(BACKEND_URL + " is required: the Backend's URL, e.g. wss://octokube.example.com");
      return;
    }
    try {
      LinkConfig.of(new URI(backendUrl)).withCaFile(caFile);
    } catch (URISyntaxException e) {
      problems.add(BACKEND_URL + " is not a URL: " + e.getReason());
    } catch (IllegalArgumentException e) {
      problems.add(BACKEND_URL + ": " + e.getMessage());
    }
  }

  private AgentToken checkTokenFile(List<String> problems) {
    if (tokenFile == null) {
      problems.add(TOKEN_FILE + " is required: a file holding the agent's token, as the Backend"
          + " issued it");
      return null;
    }
    AgentToken token = AgentToken.fromFile(tokenFile);
    try {
      token.read();
    } catch (IOException e) {
      problems.add(TOKEN_FILE + ": " + e.getMessage());
    }
    return token;
  }

  private void checkCaFile(List<String> problems) {
    if (caFile == null) {
      return;
    }
    try {
      String pem = Files.readString(caFile, StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        problems.add(CA_FILE + ": " + caFile + " holds no PEM certificate");
      }
    } catch (IOException e) {
      problems.add(CA_FILE + ": " + caFile + " cannot be read (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  private void checkBounds(List<String> problems) {
    if (replayMaxDeltas < 1) {
      problems.add(REPLAY_MAX_DELTAS + " must be at least 1");
    }
    if (replayMaxBytes < 1) {
      problems.add(REPLAY_MAX_BYTES + " must be at least 1");
    }
    if (outboxMaxDeltas < 1) {
      problems.add(OUTBOX_MAX_DELTAS + " must be at least 1");
    }
    if (outboxMaxBytes < 1) {
      problems.add(OUTBOX_MAX_BYTES + " must be at least 1");
    }
    // What an overflow drops must still be in the replay log, or every overflow costs a resync.
    if (outboxMaxDeltas > replayMaxDeltas) {
      problems.add(OUTBOX_MAX_DELTAS + " (" + outboxMaxDeltas + ") must not exceed "
          + REPLAY_MAX_DELTAS + " (" + replayMaxDeltas + "), so that an overflow is repaired by"
          + " a resume");
    }
    if (outboxMaxBytes > replayMaxBytes) {
      problems.add(OUTBOX_MAX_BYTES + " (" + outboxMaxBytes + ") must not exceed "
          + REPLAY_MAX_BYTES + " (" + replayMaxBytes + "), so that an overflow is repaired by"
          + " a resume");
    }
  }

  private static boolean isNotPositive(Duration value) {
    return value == null || value.isNegative() || value.isZero();
  }

  /**
   * Reads a duration as an operator writes one: {@code 500ms}, {@code 5s}, {@code 2m},
   * {@code 1h}, or ISO-8601 ({@code PT5S}).
   *
   * @throws IllegalArgumentException naming {@code flag} and the accepted forms
   */
  public static Duration parseDuration(String flag, String text) {
    String value = text == null ? "" : text.strip();
    Matcher m = DURATION.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          flag + " takes a duration such as 500ms, 5s, 2m or 1h; got '" + value + "'", e);
    }
  }

  /**
   * Reads a size in bytes: a number, optionally followed by {@code Ki}, {@code Mi} or {@code Gi}
   * (powers of 1024), e.g. {@code 64Mi}.
   *
   * @throws IllegalArgumentException naming {@code flag} and the accepted forms
   */
  public static long parseBytes(String flag, String text) {
    String value = text == null ? "" : text.strip();
    Matcher m = BYTES.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag + " takes a size such as 1048576, 512Ki, 64Mi or 1Gi; got '" + value + "'");
    }
    int shift = switch (m.group(2)) {
      case "Ki" -> 10;
      case "Mi" -> 20;
      case "Gi" -> 30;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      if (n <= (Long.MAX_VALUE >> shift)) {
        return n << shift;
      }
    } catch (NumberFormatException e) {
      // Only digits matched, so the number is too large for a long: reported just below.
    }
    throw new IllegalArgumentException(flag + " is too large: '" + value + "'");
  }
}
