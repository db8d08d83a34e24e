package app.octokube.protocol.client;

import app.octokube.protocol.Fields;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.ChangeType;
import java.util.Objects;

/**
 * One object's change as a user sees it. An {@code upsert} carries the projected object; a
 * {@code delete} carries none, and also stands for an object that left the user's view
 * (relabelled, or the rules changed).
 *
 * @param object the projected object (a JSON object) after the change, for an upsert; null for a
 *     delete
 */
public record ClientChange(ResourceName resource, ChangeType type, ObjectKey key, RawJson object) {
  public ClientChange {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    if (type == ChangeType.UPSERT) {
      Fields.jsonObject(object, "object");
    } else if (object != null) {
      throw new IllegalArgumentException("object must be absent in a delete");
    }
  }

  public static ClientChange upsert(ResourceName resource, ObjectKey key, RawJson object) {
    return new ClientChange(resource, ChangeType.UPSERT, key, object);
  }

  public static ClientChange delete(ResourceName resource, ObjectKey key) {
    return new ClientChange(resource, ChangeType.DELETE, key, null);
  }
}
