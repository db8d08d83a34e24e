package app.octokube.agent.watch;

import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the CustomResourceDefinitions that the CRD reflector sees, and tells the
 * {@link Reflectors} which custom resources to watch: a CRD that becomes served starts a
 * reflector; one whose served version changes restarts it on the new version (its first list
 * reconciles, nothing is removed); one that is deleted or no longer served stops it and removes
 * its objects.
 *
 * <p>Keeps one {@link WatchTarget} per CRD, never the CRD objects. Called by the CRD reflector
 * only, one call at a time and in stream order (see {@link ObjectListener}), so it needs no
 * locking of its own.
 */
final class CrdDiscovery implements ObjectListener {

  /** What discovery asks of the Agent's watchers. */
  interface Reflectors {
    /** Watch {@code target}, replacing a reflector of the same resource on another version. */
    void served(WatchTarget target);

    /** Stop watching {@code resource} and delete its objects from the hot state. */
    void gone(ResourceName resource);
  }

  private final Reflectors reflectors;
  /** By CRD name: what each served CRD is watched as. */
  private Map<String, WatchTarget> served = new HashMap<>();
  private Map<String, WatchTarget> listing;

  CrdDiscovery(Reflectors reflectors) {
    this.reflectors = reflectors;
  }

  @Override
  public void listStarted() {
    listing = new HashMap<>();
  }

  @Override
  public void listed(GenericKubernetesResource crd) {
    String name = nameOf(crd);
    if (name != null) {
      CrdServing.servedTarget(crd).ifPresent(target -> listing.put(name, target));
    }
  }

  /** Reconciles with the full list: CRDs deleted while the watch was down are gone now. */
  @Override
  public void listCompleted() {
    Map<String, WatchTarget> now = listing;
    listing = null;
    for (Map.Entry<String, WatchTarget> before : served.entrySet()) {
      WatchTarget after = now.get(before.getKey());
      if (after == null || !after.resource().equals(before.getValue().resource())) {
        reflectors.gone(before.getValue().resource());
      }
    }
    for (Map.Entry<String, WatchTarget> after : now.entrySet()) {
      if (!after.getValue().equals(served.get(after.getKey()))) {
        reflectors.served(after.getValue());
      }
    }
    served = now;
  }

  @Override
  public void upserted(GenericKubernetesResource crd) {
    String name = nameOf(crd);
    if (name != null) {
      apply(name, CrdServing.servedTarget(crd));
    }
  }

  @Override
  public void deleted(GenericKubernetesResource crd) {
    String name = nameOf(crd);
    if (name != null) {
      apply(name, Optional.empty());
    }
  }

  private void apply(String name, Optional<WatchTarget> now) {
    WatchTarget before = now.isPresent() ? served.put(name, now.get()) : served.remove(name);
    if (before != null && (now.isEmpty() || !now.get().resource().equals(before.resource()))) {
      reflectors.gone(before.resource());
    }
    if (now.isPresent() && !now.get().equals(before)) {
      reflectors.served(now.get());
    }
  }

  private static String nameOf(GenericKubernetesResource crd) {
    return crd.getMetadata() == null ? null : crd.getMetadata().getName();
  }
}
