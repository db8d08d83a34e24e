package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A cluster's Agent connected or went away. While disconnected the client keeps its state and
 * shows it as stale; after a reconnection with a new epoch the next delta or snapshot carries
 * that epoch, and the client's rule resyncs.
 *
 * @param epoch the Agent's epoch, required when connected; when disconnected the last one known,
 *     or null if the Agent never connected
 */
public record ClusterStatus(ClusterId cluster, boolean connected, Epoch epoch)
    implements ServerMessage {

  public ClusterStatus {
    Objects.requireNonNull(cluster, "cluster");
    if (connected && epoch == null) {
      throw new IllegalArgumentException("epoch is required when connected");
    }
  }

  /** Reads {@code connected} boxed, so a frame without it is refused rather than read as false. */
  @JsonCreator
  static ClusterStatus fromJson(
      @JsonProperty("cluster") ClusterId cluster,
      @JsonProperty("connected") Boolean connected,
      @JsonProperty("epoch") Epoch epoch) {
    Objects.requireNonNull(connected, "connected");
    return new ClusterStatus(cluster, connected, epoch);
  }
}
