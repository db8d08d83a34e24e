package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Version;
import java.util.Objects;

/**
 * The Agent's yes to a {@link ResumeRequest}: the deltas of {@code epoch} with versions after
 * {@code after} follow, in order, with none missing, then the live deltas.
 */
public record ResumeAccepted(Epoch epoch, Version after) implements AgentMessage {
  public ResumeAccepted {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(after, "after");
  }
}
