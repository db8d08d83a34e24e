package app.octokube.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;

/**
 * fabric8's own parse of an object's JSON, the baseline every benchmark compares with: what a
 * fabric8 informer does to each object it lists, before anything of ours runs.
 *
 * <p>It goes through {@link KubernetesSerialization#unmarshal(java.io.InputStream, Class)}, the
 * entry point fabric8 uses for response bodies (it peeks at the first byte to tell JSON from YAML,
 * then reads with its Jackson 3 mapper), so the baseline is fabric8's real cost, not a hand-tuned
 * reader. Thread-safe, like the mapper inside.
 */
final class Fabric8Parser {
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /** The object as a generic (untyped) resource: what the Agent's watcher receives. */
  GenericKubernetesResource parse(byte[] json) {
    return serialization.unmarshal(new ByteArrayInputStream(json), GenericKubernetesResource.class);
  }

  /** The object as fabric8's typed model, what a typed {@code Pod} informer's store holds. */
  Pod parsePod(byte[] json) {
    return serialization.unmarshal(new ByteArrayInputStream(json), Pod.class);
  }
}
