package app.octokube.backend.stream;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.util.Map;

/**
 * One user's effective access to one cluster at one moment. Immutable and safe to share between
 * threads: the hub of a cluster keeps one per subscriber and calls it for every change and every
 * snapshot item, on its own thread.
 *
 * <p>The fan-out relies on one promise: two accesses with equal {@link #accessClass()} take the
 * same decision on every question. It then filters and encodes once per class instead of once
 * per user. Unequal classes with identical decisions only cost a second encoding.
 */
public interface ClusterAccess {

  /**
   * Whether the user may see anything at all in this cluster. A cluster for which this is false
   * does not appear in the user's {@code hello}, gets no {@code cluster} status messages, and a
   * subscription to it is answered {@code unknown-cluster}, exactly as for a cluster that does not
   * exist.
   */
  boolean mayViewCluster();

  /**
   * Whether access the user has not now will open by itself later (a schedule window that is
   * closed). Such a user is told "no access at this time" rather than that the cluster does not
   * exist: the cluster is theirs to see in their hours, so its existence is no secret to them.
   */
  default boolean opensLater() {
    return false;
  }

  /** Whether the user may subscribe to this resource type: some rule grants some of its objects. */
  boolean maySubscribe(ResourceName resource);

  /**
   * Whether the user may see one object.
   *
   * @param key the object's key: its namespace (null for a cluster-scoped object) and name
   * @param labels the object's labels, never null
   */
  boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels);

  /**
   * A value equal for every two accesses whose decisions are identical; compared with
   * {@code equals} and used as a map key.
   */
  Object accessClass();
}
