package app.octokube.protocol.link;

import app.octokube.protocol.Fields;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import java.util.Map;
import java.util.Objects;

/** One object of a snapshot, with what the Backend's access rules look at beside it. */
public record SnapshotItem(ObjectKey key, Map<String, String> labels, RawJson object) {
  public SnapshotItem {
    Objects.requireNonNull(key, "key");
    Fields.jsonObject(object, "object");
    labels = Fields.labels(labels, "labels");
  }
}
