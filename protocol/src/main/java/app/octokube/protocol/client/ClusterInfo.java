package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One cluster as a {@link Hello} describes it.
 *
 * @param connected whether the cluster's Agent is connected now; a connected cluster has an epoch
 * @param epoch the Agent's epoch; null while the Agent has never connected to this Backend
 * @param version the last version the Backend received; 0 when there is no epoch
 * @param resources the resource types the Agent serves; empty while it has never connected
 */
public record ClusterInfo(
    ClusterId cluster,
    boolean connected,
    Epoch epoch,
    Version version,
    List<ResourceName> resources) {

  public ClusterInfo {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(version, "version");
    resources = Fields.distinct(resources, "resources");
    if (connected && epoch == null) {
      throw new IllegalArgumentException("epoch is required when connected");
    }
    if (epoch == null && version.value() != 0) {
      throw new IllegalArgumentException("version must be 0 when there is no epoch");
    }
  }

  /** Reads {@code connected} boxed, so a frame without it is refused rather than read as false. */
  @JsonCreator
  static ClusterInfo fromJson(
      @JsonProperty("cluster") ClusterId cluster,
      @JsonProperty("connected") Boolean connected,
      @JsonProperty("epoch") Epoch epoch,
      @JsonProperty("version") Version version,
      @JsonProperty("resources") List<ResourceName> resources) {
    Objects.requireNonNull(connected, "connected");
    return new ClusterInfo(cluster, connected, epoch, version, resources);
  }
}
