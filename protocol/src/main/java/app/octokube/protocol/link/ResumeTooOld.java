package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Version;
import java.util.Objects;

/**
 * The Agent's no to a {@link ResumeRequest}: it cannot replay every delta after
 * {@code requested} — the request named another epoch, or a version older than
 * {@code oldestReplayable}, or one the Agent has not reached. The Backend must drop what it holds
 * for the cluster and take snapshots instead.
 *
 * @param epoch the Agent's current epoch
 * @param requested the {@code after} of the refused request
 * @param oldestReplayable the oldest version after which the Agent can replay now
 */
public record ResumeTooOld(Epoch epoch, Version requested, Version oldestReplayable)
    implements AgentMessage {
  public ResumeTooOld {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(oldestReplayable, "oldestReplayable");
  }
}
