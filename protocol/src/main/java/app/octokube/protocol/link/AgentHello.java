package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import java.util.List;
import java.util.Objects;

/**
 * The Agent's first frame on every link: who it is now and how far back it can replay. The
 * Backend answers with a {@link ResumeRequest} or with {@link SnapshotRequest}s; until one of
 * them arrives the Agent sends no delta.
 *
 * @param version the Agent's current version
 * @param oldestReplayable the oldest version after which the Agent can still replay deltas: a
 *     resume after {@code v} works if and only if {@code oldestReplayable <= v <= version}
 * @param resources every resource type the Agent serves
 * @param agentVersion the Agent's software version, for logs and compatibility checks
 */
public record AgentHello(
    Epoch epoch,
    Version version,
    Version oldestReplayable,
    List<ResourceName> resources,
    String agentVersion)
    implements AgentMessage {

  public AgentHello {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(oldestReplayable, "oldestReplayable");
    resources = Fields.distinct(resources, "resources");
    Fields.text(agentVersion, "agentVersion");
    if (oldestReplayable.isAfter(version)) {
      throw new IllegalArgumentException("oldestReplayable must not be after version");
    }
  }

  /** Whether the Agent can replay every delta after {@code after} in this epoch. */
  public boolean canReplayAfter(Version after) {
    return after.compareTo(oldestReplayable) >= 0 && after.compareTo(version) <= 0;
  }
}
