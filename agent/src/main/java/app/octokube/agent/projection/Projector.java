package app.octokube.agent.projection;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.SortedLabels;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a watched object of one resource type into its {@link Projection}: the object's key, its
 * labels, and compact JSON shaped {@code {"apiVersion":…,"kind":…,"metadata":{…},<selected>}},
 * written straight to bytes with a streaming generator (this runs once per watch event on the
 * Agent's ingest path).
 *
 * <p>The bytes depend only on the object's content: metadata is written in a fixed order (see
 * {@link MetadataWriter}), selected fields in the order of this projector's paths, copied maps in
 * sorted key order. The {@link RedactionFloor} applies to every field written, metadata's
 * annotations included, whatever the paths say.
 *
 * <p>Immutable and safe to call from several threads at once: the only mutable state is the calling
 * thread's {@link OutputBuffer}.
 */
public final class Projector {
  /** How an object's key is derived; unknown resources trust the object's own namespace. */
  enum Scope {
    NAMESPACED,
    CLUSTER,
    AS_OBJECT_SAYS
  }

  private final ResourceName resource;
  private final Scope scope;
  private final String defaultApiVersion;
  private final String defaultKind;
  private final List<String> paths;
  private final Selection selection;

  /**
   * @param defaultApiVersion written when the object carries none (items of a list response do
   *     not), or null to omit it
   * @param paths compiled with {@link Fragments}; see {@link Selection} for the language
   * @throws IllegalArgumentException if a path is malformed or two conflict
   */
  Projector(
      ResourceName resource,
      Scope scope,
      String defaultApiVersion,
      String defaultKind,
      List<String> paths) {
    this.resource = resource;
    this.scope = scope;
    this.defaultApiVersion = defaultApiVersion;
    this.defaultKind = defaultKind;
    this.paths = List.copyOf(paths);
    this.selection = Selection.compile(this.paths, Fragments.ALL);
  }

  public ResourceName resource() {
    return resource;
  }

  /** The paths this projector keeps beyond metadata, as written in its table. */
  public List<String> paths() {
    return paths;
  }

  /**
   * Projects {@code object}.
   *
   * @throws IllegalArgumentException if the object has no name, or its namespace contradicts the
   *     resource's scope
   */
  public Projection project(GenericKubernetesResource object) {
    ObjectKey key = keyOf(object);
    ObjectMeta meta = object.getMetadata();
    // Built once: the JSON's labels are written from it, and the projection keeps it.
    SortedLabels labels = SortedLabels.copyOf(labelsOf(meta));
    OutputBuffer out = OutputBuffer.forThisThread();
    byte[] json;
    long labelsSpan;
    try {
      JsonGenerator gen = out.generator();
      gen.writeStartObject();
      MetadataWriter.writeTypeField(gen, true, orElse(object.getApiVersion(), defaultApiVersion));
      MetadataWriter.writeTypeField(gen, false, orElse(object.getKind(), defaultKind));
      labelsSpan = MetadataWriter.write(out, meta, labels, out.names());
      Map<String, Object> fields = object.getAdditionalProperties();
      if (fields != null) {
        out.selectionWriter().writeFields(fields, selection);
      }
      gen.writeEndObject();
      json = out.take();
    } catch (IOException e) {
      out.discard();
      throw new UncheckedIOException("writing to a byte array failed", e);
    } catch (RuntimeException | Error e) {
      out.discard();
      throw e;
    }
    if (labelsSpan >= 0) {
      // The delta encoder copies these bytes instead of writing the labels again, twice per
      // change (the labels now, and later as the previous labels).
      labels = labels.withJson(json, (int) (labelsSpan >>> 32), (int) labelsSpan);
    }
    return new Projection(resource, key, labels, RawJson.wrap(json));
  }

  /**
   * The object's key: {@code namespace/name} for a namespaced resource, {@code name} for a
   * cluster-scoped one; for a resource whose scope is not known, as the object's namespace says.
   *
   * @throws IllegalArgumentException if the object has no name, or its namespace contradicts the
   *     resource's scope
   */
  public ObjectKey keyOf(GenericKubernetesResource object) {
    ObjectMeta meta = object.getMetadata();
    String name = meta == null ? null : meta.getName();
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(resource + ": object has no metadata.name");
    }
    String namespace = meta.getNamespace();
    boolean hasNamespace = namespace != null && !namespace.isEmpty();
    if (scope == Scope.NAMESPACED && !hasNamespace) {
      throw new IllegalArgumentException(
          resource + " is namespaced but " + name + " has no namespace");
    }
    if (scope == Scope.CLUSTER && hasNamespace) {
      throw new IllegalArgumentException(
          resource + " is cluster-scoped but " + name + " has a namespace");
    }
    return ObjectKey.of(namespace, name);
  }

  private static String orElse(String value, String fallback) {
    return value != null && !value.isEmpty() ? value : fallback;
  }

  /** The labels for access rules; null keys or values (malformed input) are left out. */
  private static Map<String, String> labelsOf(ObjectMeta meta) {
    Map<String, String> labels = meta.getLabels();
    if (labels == null || labels.isEmpty()) {
      return Map.of();
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (label.getKey() == null || label.getValue() == null) {
        return withoutNulls(labels);
      }
    }
    return labels;
  }

  private static Map<String, String> withoutNulls(Map<String, String> labels) {
    Map<String, String> clean = new HashMap<>();
    labels.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            clean.put(k, v);
          }
        });
    return clean;
  }
}
