package app.octokube.backend.server;

import app.octokube.backend.stream.AccessResolver;
import app.octokube.backend.stream.ClusterAccess;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Access rules for tests: per user, clusters, namespaces, resources and an optional label selector. */
final class TestAccess implements AccessResolver {

  /**
   * What one user may see. A namespace of {@code "*"} also grants cluster-scoped objects; a
   * selector requires each of its labels with that value.
   */
  record Grant(Set<String> clusters, Set<String> namespaces, Set<String> resources, Map<String, String> selector)
      implements ClusterAccess {

    static Grant of(String cluster, Set<String> namespaces, Set<String> resources) {
      return new Grant(Set.of(cluster), namespaces, resources, Map.of());
    }

    Grant withSelector(Map<String, String> labels) {
      return new Grant(clusters, namespaces, resources, labels);
    }

    @Override
    public boolean mayViewCluster() {
      return true;
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return resources.contains(resource.value());
    }

    @Override
    public boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels) {
      if (!maySubscribe(resource)) {
        return false;
      }
      boolean inNamespace = namespaces.contains("*") || (key.namespace() != null && namespaces.contains(key.namespace()));
      if (!inNamespace) {
        return false;
      }
      for (Map.Entry<String, String> wanted : selector.entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Object accessClass() {
      return this;
    }
  }

  private static final ClusterAccess NONE = new ClusterAccess() {
    @Override
    public boolean mayViewCluster() {
      return false;
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return false;
    }

    @Override
    public boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels) {
      return false;
    }

    @Override
    public Object accessClass() {
      return "none";
    }
  };

  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  TestAccess grant(String user, Grant grant) {
    grants.put(user, grant);
    return this;
  }

  TestAccess revoke(String user) {
    grants.remove(user);
    return this;
  }

  @Override
  public ClusterAccess accessFor(String user, ClusterId cluster, Instant now) {
    Grant grant = grants.get(user);
    return grant != null && grant.clusters().contains(cluster.value()) ? grant : NONE;
  }
}
