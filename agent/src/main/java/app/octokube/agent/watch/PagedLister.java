package app.octokube.agent.watch;

import app.octokube.agent.projection.Projection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.AnyNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists one resource type across all namespaces, page by page ({@code limit} and
 * {@code continue}), projecting each page as it arrives so that raw objects never outlive their
 * page. What it returns becomes one {@code Relisted} event.
 *
 * <p>The first page is a fresh, consistent read; the apiserver serves every later page from the
 * same snapshot (the continue token carries its resourceVersion), so the pages together are one
 * consistent list, and its resourceVersion is where the watch starts. Not thread-safe: a
 * reflector runs one list at a time.
 */
final class PagedLister {
  /** A complete list: the projections of the objects in scope, and where to watch from. */
  record Listing(List<Projection> objects, String resourceVersion) {}

  private final AnyNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> api;
  private final ObjectEvents events;
  private final int pageSize;

  PagedLister(
      AnyNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>> api,
      ObjectEvents events,
      int pageSize) {
    this.api = api;
    this.events = events;
    this.pageSize = pageSize;
  }

  /**
   * Lists every page. Objects outside the namespace scope, and objects the projector refuses,
   * are left out (see {@link ObjectEvents}).
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException if a page fails, including a
   *     410 when the continue token expired between pages; the caller lists afresh
   */
  Listing list(ObjectListener listener) {
    List<Projection> objects = new ArrayList<>();
    String continueToken = null;
    String resourceVersion = null;
    listener.listStarted();
    do {
      ListOptions options = new ListOptionsBuilder()
          .withLimit((long) pageSize)
          .withContinue(continueToken)
          .build();
      GenericKubernetesResourceList page = api.list(options);
      for (GenericKubernetesResource object : page.getItems()) {
        Projection projection = events.projection(object);
        listener.listed(object);
        if (projection != null) {
          objects.add(projection);
        }
      }
      ListMeta meta = page.getMetadata();
      continueToken = meta == null ? null : emptyToNull(meta.getContinue());
      if (meta != null && meta.getResourceVersion() != null) {
        resourceVersion = meta.getResourceVersion();
      }
    } while (continueToken != null);
    return new Listing(objects, resourceVersion);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
