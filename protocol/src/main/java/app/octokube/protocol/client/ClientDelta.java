package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.Version;
import java.util.List;
import java.util.Objects;

/**
 * The changes of versions {@code from} to {@code to} of one cluster that the user may see, for
 * every resource the client is subscribed to. Versions with nothing for this user still travel,
 * merged into the range, so the client accounts for every version: {@code changes} may be empty.
 * When several versions merge, an object keeps only its last change.
 *
 * <p>Invariant: {@code 1 <= from <= to}.
 */
public record ClientDelta(
    ClusterId cluster, Epoch epoch, Version from, Version to, List<ClientChange> changes)
    implements ServerMessage {

  public ClientDelta {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    changes = Fields.list(changes, "changes");
    if (from.value() < 1) {
      throw new IllegalArgumentException("from must be at least 1");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be greater than to");
    }
  }
}
