package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.Version;
import java.util.List;
import java.util.Objects;

/**
 * The net changes of one Agent version: everything one batch of the Agent's queue changed, at
 * most one change per object, in the order the objects were first touched. The Agent sends the
 * deltas of one epoch in version order, with no version missing.
 */
public record AgentDelta(Epoch epoch, Version version, List<Change> changes)
    implements AgentMessage {
  public AgentDelta {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    changes = Fields.list(changes, "changes");
    if (changes.isEmpty()) {
      throw new IllegalArgumentException(
          "changes must not be empty: a version is only spent on a change");
    }
    if (version.value() == 0) {
      throw new IllegalArgumentException(
          "version must be at least 1: 0 is the state before any change");
    }
  }
}
