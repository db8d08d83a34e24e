package app.octokube.backend.auth;

import app.octokube.backend.rbac.Access;
import app.octokube.backend.rbac.Policy;
import app.octokube.backend.stream.AccessResolver;
import app.octokube.backend.stream.ClusterAccess;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.time.Instant;
import java.util.Map;

/**
 * Answers the fan-out's access questions from the Virtual RBAC policy in force. The policy's
 * {@link app.octokube.backend.rbac.AccessKey} is the access class: equal keys promise equal
 * decisions, which is what lets the fan-out encode one payload per class.
 */
public final class PolicyAccessResolver implements AccessResolver {
  private final PolicyHolder policy;

  public PolicyAccessResolver(PolicyHolder policy) {
    this.policy = policy;
  }

  @Override
  public ClusterAccess accessFor(String user, ClusterId cluster, Instant now) {
    Policy current = policy.current();
    Access access = current.access(user, cluster.value(), now);
    return new RbacAccess(access, access.grantsNothing() ? accessAtNextChange(current, user, cluster, now) : null);
  }

  /**
   * The access the user's next change (a schedule boundary) brings here, or null if it brings
   * nothing: what a user outside their window will be able to subscribe to.
   */
  private static Access accessAtNextChange(Policy policy, String user, ClusterId cluster, Instant now) {
    Instant next = policy.nextChange(user, now);
    if (next == null) {
      return null;
    }
    Access later = policy.access(user, cluster.value(), next.plusSeconds(1));
    return later.grantsNothing() ? null : later;
  }

  /**
   * One user's compiled access to one cluster, seen through the fan-out's interface. {@code later}
   * is set only when nothing is granted now but a schedule will grant something: the user may see
   * nothing, yet learns which types the window will open.
   */
  private record RbacAccess(Access access, Access later) implements ClusterAccess {
    @Override
    public boolean opensLater() {
      return later != null;
    }

    @Override
    public boolean mayViewCluster() {
      return !access.grantsNothing();
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return later != null ? later.maySubscribe(resource.value()) : access.maySubscribe(resource.value());
    }

    @Override
    public boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels) {
      return access.mayView(resource.value(), key.namespace(), key.name(), labels);
    }

    @Override
    public Object accessClass() {
      return access.key();
    }
  }
}
