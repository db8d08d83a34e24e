package app.octokube.protocol.link;

import app.octokube.protocol.Fields;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * One object's net change within one Agent version.
 *
 * <p>An {@code upsert} carries the new projected {@code object} and its {@code labels}; a
 * {@code delete} carries neither. Both carry {@code previous} when the object existed before the
 * version: its labels then. With the key (whose namespace and name never change) that is all the
 * Backend needs to tell, for each user, whether the object was visible before and is after —
 * and so to turn "relabelled out of view" into a delete — without keeping state of its own.
 *
 * @param labels the object's labels after the change; null for a delete
 * @param object the projected object after the change; null for a delete
 * @param previous what the object looked like before the version; null if it did not exist
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(
    ResourceName resource,
    ChangeType type,
    ObjectKey key,
    Map<String, String> labels,
    RawJson object,
    Previous previous) {

  public Change {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    if (type == ChangeType.UPSERT) {
      Fields.jsonObject(object, "object");
      labels = Fields.labels(labels, "labels");
    } else {
      if (previous == null) {
        throw new IllegalArgumentException(
            "previous is required in a delete: the object's labels before it");
      }
      if (object != null || labels != null) {
        throw new IllegalArgumentException("a delete carries no object and no labels");
      }
    }
  }

  public static Change upsert(
      ResourceName resource, ObjectKey key, Map<String, String> labels, RawJson object, Previous previous) {
    return new Change(resource, ChangeType.UPSERT, key, labels, object, previous);
  }

  public static Change delete(ResourceName resource, ObjectKey key, Map<String, String> previousLabels) {
    return new Change(resource, ChangeType.DELETE, key, null, null, new Previous(previousLabels));
  }

  /** The state of an object before a change, as far as access rules can see it. */
  public record Previous(Map<String, String> labels) {
    public Previous {
      labels = Fields.labels(labels, "labels");
    }
  }
}
