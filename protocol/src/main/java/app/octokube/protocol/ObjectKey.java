package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An object's identity within its resource type: {@code namespace/name}, or {@code name} for a
 * cluster-scoped object. Kubernetes never renames or moves an object, so a key's namespace and
 * name are the object's for its whole life.
 */
public record ObjectKey(String value) implements Comparable<ObjectKey> {

  public ObjectKey {
    Objects.requireNonNull(value, "object key");
    int slash = value.indexOf('/');
    if (value.isEmpty()
        || slash == 0
        || slash == value.length() - 1
        || (slash > 0 && value.indexOf('/', slash + 1) >= 0)) {
      throw new IllegalArgumentException("object key must be namespace/name or name");
    }
  }

  @JsonCreator
  public static ObjectKey of(String value) {
    return new ObjectKey(value);
  }

  /** The key of an object; {@code namespace} is null or empty for a cluster-scoped object. */
  public static ObjectKey of(String namespace, String name) {
    Objects.requireNonNull(name, "name");
    return new ObjectKey(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
  }

  /** The namespace, or null for a cluster-scoped object. */
  public String namespace() {
    int slash = value.indexOf('/');
    return slash < 0 ? null : value.substring(0, slash);
  }

  public String name() {
    int slash = value.indexOf('/');
    return slash < 0 ? value : value.substring(slash + 1);
  }

  @Override
  public int compareTo(ObjectKey other) {
    return value.compareTo(other.value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
