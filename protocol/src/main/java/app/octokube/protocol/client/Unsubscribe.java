package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ResourceName;
import java.util.Objects;

/**
 * Ends a subscription: no more deltas for this resource. Unsubscribing from a resource one
 * is not subscribed to is not an error.
 */
public record Unsubscribe(ClusterId cluster, ResourceName resource) implements ClientRequest {
  public Unsubscribe {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resource, "resource");
  }
}
