package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ResourceName;
import java.util.Objects;

/**
 * Something the client asked for was refused or failed. When the error concerns one
 * subscription it names its cluster and resource, and the subscription is over.
 *
 * @param message a sentence for humans; it never quotes more than a short excerpt of the input
 * @param cluster the cluster concerned, or null
 * @param resource the resource concerned, or null; only with a cluster
 */
public record ErrorMessage(ErrorCode code, String message, ClusterId cluster, ResourceName resource)
    implements ServerMessage {

  public ErrorMessage {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (resource != null && cluster == null) {
      throw new IllegalArgumentException("resource requires cluster");
    }
  }

  /** An error that concerns the connection, not one subscription. */
  public static ErrorMessage of(ErrorCode code, String message) {
    return new ErrorMessage(code, message, null, null);
  }
}
