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
    return new RbacAccess(access, access.grantsNothing() && opensAtNextChange(current, user, cluster, now));
  }

  /** Whether the user's next access change (a schedule boundary) grants something here. */
  private static boolean opensAtNextChange(Policy policy, String user, ClusterId cluster, Instant now) {
    Instant next = policy.nextChange(user, now);
    return next != null && !policy.access(user, cluster.value(), next.plusSeconds(1)).grantsNothing();
  }

  /** One user's compiled access to one cluster, seen through the fan-out's interface. */
  private record RbacAccess(Access access, boolean opensLater) implements ClusterAccess {
    @Override
    public boolean mayViewCluster() {
      return !access.grantsNothing();
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return access.maySubscribe(resource.value());
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
