package app.octokube.protocol.link;

import app.octokube.protocol.Fields;
import app.octokube.protocol.ResourceName;
import java.util.Objects;

/**
 * Asks the Agent for a snapshot of one resource type. The Agent answers with
 * {@link SnapshotChunk}s carrying the same {@code requestId}, or an {@link AgentError} naming it.
 * The Backend issues one request per resource however many clients wait for it.
 */
public record SnapshotRequest(String requestId, ResourceName resource) implements AgentCommand {
  public SnapshotRequest {
    Fields.requestId(requestId, "requestId");
    Objects.requireNonNull(resource, "resource");
  }
}
