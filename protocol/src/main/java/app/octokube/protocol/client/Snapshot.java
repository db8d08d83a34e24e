package app.octokube.protocol.client;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import java.util.List;
import java.util.Objects;

/**
 * Everything of one resource type the user may see at {@code version}, filtered by the user's
 * rules. It replaces the client's state for the resource entirely and sets its epoch and local
 * version. The Backend sends one after a subscribe or a resync, and unasked when the user's
 * rules or the cluster's epoch change.
 *
 * @param items the projected objects (JSON objects), in no particular order
 */
public record Snapshot(
    ClusterId cluster, ResourceName resource, Epoch epoch, Version version, List<RawJson> items)
    implements ServerMessage {

  public Snapshot {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    items = Fields.jsonObjects(items, "items");
  }
}
