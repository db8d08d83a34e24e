package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ResourceName;
import java.util.Objects;

/**
 * Starts a subscription. The Backend answers with a {@link Snapshot}, then {@link ClientDelta}s;
 * or with an {@link ErrorMessage} naming the cluster and resource. Subscribing twice to the same
 * resource is answered like a {@link Resync}.
 */
public record Subscribe(ClusterId cluster, ResourceName resource) implements ClientRequest {
  public Subscribe {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resource, "resource");
  }
}
