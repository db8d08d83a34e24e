package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Version;
import java.util.Objects;

/**
 * Asks the Agent to send every delta of {@code epoch} after {@code after}, then the live ones.
 * The Backend sends it after an {@link AgentHello} of the epoch it already holds state for, with
 * the last version it received; the Agent answers {@link ResumeAccepted} or {@link ResumeTooOld}.
 */
public record ResumeRequest(Epoch epoch, Version after) implements AgentCommand {
  public ResumeRequest {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(after, "after");
  }
}
