package app.octokube.agent.watch;

import app.octokube.protocol.ResourceName;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the Agent watches and how patiently.
 *
 * @param targets the resource types to watch. Including
 *     {@link WatchTarget#CUSTOM_RESOURCE_DEFINITIONS} turns on CRD discovery: every served custom
 *     resource is then watched too.
 * @param resources which types to watch, by kubectl name ({@code pods}, {@code *.example.com});
 *     applies to the targets and to discovered custom resources. Excluding the CRD type turns
 *     discovery off.
 * @param namespaces which namespaces' objects to enqueue. Filtered on the Agent: the apiserver
 *     still sees one watch per type across all namespaces, never one per namespace. Cluster-scoped
 *     objects pass, except Namespace objects, which are filtered by their own name.
 * @param retry backoff and retry timing
 * @param pageSize objects per list page. 500, as kubectl and client-go use: a page of pods stays
 *     within a few megabytes, and 150,000 pods are 300 requests.
 * @param threads threads that run lists and start watches. Each list blocks one; 4 lets a long
 *     list of pods run while other types start, and bounds how many lists reach the apiserver at
 *     once.
 */
public record WatchConfig(
    List<WatchTarget> targets,
    NameFilter resources,
    NameFilter namespaces,
    RetryPolicy retry,
    int pageSize,
    int threads) {

  public static final int DEFAULT_PAGE_SIZE = 500;
  public static final int DEFAULT_THREADS = 4;

  public WatchConfig {
    targets = List.copyOf(targets);
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(retry, "retry");
    if (pageSize < 1 || threads < 1) {
      throw new IllegalArgumentException("page size and threads must be at least 1");
    }
    Set<ResourceName> seen = new HashSet<>();
    for (WatchTarget target : targets) {
      if (!seen.add(target.resource())) {
        throw new IllegalArgumentException(target.resource() + " is listed twice");
      }
    }
  }

  /** Watches {@code targets}, every namespace, with the default timing. */
  public static WatchConfig of(List<WatchTarget> targets) {
    return new WatchConfig(
        targets, NameFilter.ALL, NameFilter.ALL, RetryPolicy.DEFAULTS, DEFAULT_PAGE_SIZE, DEFAULT_THREADS);
  }

  public WatchConfig withResources(NameFilter filter) {
    return new WatchConfig(targets, filter, namespaces, retry, pageSize, threads);
  }

  public WatchConfig withNamespaces(NameFilter filter) {
    return new WatchConfig(targets, resources, filter, retry, pageSize, threads);
  }

  public WatchConfig withRetry(RetryPolicy policy) {
    return new WatchConfig(targets, resources, namespaces, policy, pageSize, threads);
  }

  public WatchConfig withPageSize(int size) {
    return new WatchConfig(targets, resources, namespaces, retry, size, threads);
  }

  public WatchConfig withThreads(int count) {
    return new WatchConfig(targets, resources, namespaces, retry, pageSize, count);
  }
}
