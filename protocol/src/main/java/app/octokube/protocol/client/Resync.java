package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ResourceName;
import java.util.Objects;

/**
 * Asks for a fresh snapshot of a resource, after the client saw a gap or a new epoch. Until the
 * snapshot arrives the client drops the resource's changes. A resync of a resource the client is
 * not subscribed to subscribes it.
 */
public record Resync(ClusterId cluster, ResourceName resource) implements ClientRequest {
  public Resync {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resource, "resource");
  }
}
