package app.octokube.protocol.link;

import app.octokube.protocol.Fields;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Agent could not carry out a command, or could not read one.
 *
 * @param requestId the {@link SnapshotRequest}'s id when the error answers one; otherwise null
 * @param code lowercase words joined by dashes, for programs: {@code bad-request},
 *     {@code unknown-resource}, {@code internal} (docs/protocol.md lists them)
 * @param message a sentence for humans; never holds a Secret value or a stack trace
 */
public record AgentError(String requestId, String code, String message) implements AgentMessage {
  private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public AgentError {
    if (requestId != null) {
      Fields.requestId(requestId, "requestId");
    }
    Objects.requireNonNull(code, "code");
    if (code.length() > 64 || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be lowercase words joined by '-', at most 64 characters");
    }
    Objects.requireNonNull(message, "message");
  }
}
