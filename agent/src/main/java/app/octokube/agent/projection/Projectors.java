package app.octokube.agent.projection;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link Projector} projects each resource type: the {@link BuiltinResources} table's for
 * built-in kinds, the generic reducer ({@link BuiltinResources#GENERIC_PATHS}) for every other
 * resource, each extended by the paths configuration registers for that resource.
 *
 * <p>Rules: registering replaces the resource's previous extra paths (so reloading the same
 * configuration is idempotent) and affects projections made afterwards only; objects already in the
 * hot state keep their old shape until re-projected. Extra paths can only add fields: the base
 * paths and the {@link RedactionFloor} always apply.
 *
 * <p>Thread-safe: projectors are immutable and looked up in a concurrent map.
 */
public final class Projectors {
  private final Map<ResourceName, Projector> byResource = new ConcurrentHashMap<>();

  private Projectors() {}

  /** A registry with every built-in kind and the generic reducer for the rest. */
  public static Projectors withBuiltins() {
    Projectors projectors = new Projectors();
    for (BuiltinResource builtin : BuiltinResources.all()) {
      projectors.byResource.put(builtin.resource(), builtinProjector(builtin, List.of()));
    }
    return projectors;
  }

  /** The projector for {@code resource}: built-in, generic, with any registered extra paths. */
  public Projector forResource(ResourceName resource) {
    Objects.requireNonNull(resource, "resource");
    return byResource.computeIfAbsent(resource, r -> genericProjector(r, List.of()));
  }

  /** Projects {@code object} as a {@code resource}; see {@link Projector#project}. */
  public Projection project(ResourceName resource, GenericKubernetesResource object) {
    return forResource(resource).project(object);
  }

  /** The key of {@code object} as a {@code resource}; see {@link Projector#keyOf}. */
  public ObjectKey keyOf(ResourceName resource, GenericKubernetesResource object) {
    return forResource(resource).keyOf(object);
  }

  /**
   * Makes {@code resource} keep {@code extraPaths} beyond its base paths, replacing any previously
   * registered extra paths; an empty list restores the base.
   *
   * @throws IllegalArgumentException naming the path, if one is malformed or conflicts with the
   *     base paths; the previous registration then stays in force
   */
  public void register(ResourceName resource, List<String> extraPaths) {
    Objects.requireNonNull(resource, "resource");
    List<String> extra = List.copyOf(extraPaths);
    Projector projector =
        BuiltinResources.find(resource)
            .map(builtin -> builtinProjector(builtin, extra))
            .orElseGet(() -> genericProjector(resource, extra));
    byResource.put(resource, projector);
  }

  private static Projector builtinProjector(BuiltinResource builtin, List<String> extra) {
    Projector.Scope scope =
        builtin.namespaced() ? Projector.Scope.NAMESPACED : Projector.Scope.CLUSTER;
    return new Projector(
        builtin.resource(),
        scope,
        builtin.apiVersion(),
        builtin.kind(),
        concat(builtin.paths(), extra));
  }

  private static Projector genericProjector(ResourceName resource, List<String> extra) {
    return new Projector(
        resource,
        Projector.Scope.AS_OBJECT_SAYS,
        null,
        null,
        concat(BuiltinResources.GENERIC_PATHS, extra));
  }

  private static List<String> concat(List<String> base, List<String> extra) {
    List<String> all = new ArrayList<>(base.size() + extra.size());
    all.addAll(base);
    all.addAll(extra);
    return all;
  }
}
