package app.octokube.agent.projection;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.SortedLabels;
import java.util.Map;
import java.util.Objects;

/**
 * The reduced form of one Kubernetes object, as the Agent's hot state keeps it: the projected
 * object as compact JSON bytes, plus the labels the Backend's access rules select on.
 *
 * <p>Two projections of the same object are equal exactly when their bytes are: projectors write
 * fields in a fixed order, so "nothing visible changed" is a byte comparison.
 *
 * @param labels the object's labels, unmodifiable and sorted by key: a {@link SortedLabels}, so that
 *     deltas encode them without re-sorting and their messages without re-checking them
 * @param json the projected object; its bytes are never modified
 */
public record Projection(ResourceName resource, ObjectKey key, Map<String, String> labels, RawJson json) {
  public Projection {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
    labels = SortedLabels.copyOf(labels);
  }

  /** Whether this and {@code other} would look the same to every client. */
  public boolean sameAs(Projection other) {
    return other != null && json.equals(other.json);
  }

  /** Bytes this projection holds on the heap, roughly: the JSON dominates. */
  public int approximateSize() {
    return json.size();
  }
}
