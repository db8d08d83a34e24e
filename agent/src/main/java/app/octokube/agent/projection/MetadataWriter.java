package app.octokube.agent.projection;

import app.octokube.protocol.EncodedNames;
import app.octokube.protocol.SortedLabels;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code metadata} every projection carries, the same for every kind, in this fixed
 * order: name, namespace, uid, labels, annotations, ownerReferences, creationTimestamp,
 * deletionTimestamp, resourceVersion, generation. Absent fields are omitted; labels and annotations
 * are written sorted by key, annotations through {@link RedactionFloor}. Where the labels' object
 * lies in the output is returned, so the projection's labels can carry their JSON (see {@link
 * SortedLabels#withJson}).
 *
 * <p>Owner references keep apiVersion, kind, name and controller: what "Controlled by" shows and
 * what finds the owner in the same namespace. Their uid and blockOwnerDeletion are dropped: 50
 * bytes on every pod, for nothing a viewer sees. Everything else in ObjectMeta (managedFields,
 * finalizers, generateName, selfLink, …) is dropped.
 */
final class MetadataWriter {
  private static final SerializedString METADATA = new SerializedString("metadata");
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString NAMESPACE = new SerializedString("namespace");
  private static final SerializedString UID = new SerializedString("uid");
  private static final SerializedString LABELS = new SerializedString("labels");
  private static final SerializedString ANNOTATIONS = new SerializedString("annotations");
  private static final SerializedString OWNER_REFERENCES = new SerializedString("ownerReferences");
  private static final SerializedString API_VERSION = new SerializedString("apiVersion");
  private static final SerializedString KIND = new SerializedString("kind");
  private static final SerializedString CONTROLLER = new SerializedString("controller");
  private static final SerializedString CREATED = new SerializedString("creationTimestamp");
  private static final SerializedString DELETED = new SerializedString("deletionTimestamp");
  private static final SerializedString RESOURCE_VERSION = new SerializedString("resourceVersion");
  private static final SerializedString GENERATION = new SerializedString("generation");

  private MetadataWriter() {}

  /**
   * @param labels the object's labels without nulls, sorted by key (what {@link
   *     Projection#labels()} holds), written as they are
   */
  static long write(OutputBuffer out, ObjectMeta meta, SortedLabels labels, EncodedNames names)
      throws IOException {
    JsonGenerator gen = out.generator();
    gen.writeFieldName(METADATA);
    gen.writeStartObject();
    writeString(gen, NAME, meta.getName());
    writeString(gen, NAMESPACE, meta.getNamespace());
    writeString(gen, UID, meta.getUid());
    long labelsSpan = writeLabels(out, labels, names);
    writeAnnotations(gen, meta.getAnnotations(), names);
    writeOwners(gen, meta.getOwnerReferences());
    writeString(gen, CREATED, meta.getCreationTimestamp());
    writeString(gen, DELETED, meta.getDeletionTimestamp());
    writeString(gen, RESOURCE_VERSION, meta.getResourceVersion());
    if (meta.getGeneration() != null) {
      gen.writeFieldName(GENERATION);
      gen.writeNumber(meta.getGeneration());
    }
    gen.writeEndObject();
    return labelsSpan;
  }

  /** Writes {@code apiVersion} or {@code kind} of the object itself. */
  static void writeTypeField(JsonGenerator gen, boolean apiVersion, String value)
      throws IOException {
    writeString(gen, apiVersion ? API_VERSION : KIND, value);
  }

  /**
   * Writes the labels, if any; where their object (braces included) starts and ends in {@code
   * out}, packed as {@code from << 32 | to}, or -1 when none is written.
   */
  private static long writeLabels(OutputBuffer out, SortedLabels labels, EncodedNames names)
      throws IOException {
    if (labels.isEmpty()) {
      return -1;
    }
    JsonGenerator gen = out.generator();
    gen.writeFieldName(LABELS);
    gen.writeStartObject();
    // The colon comes with the value, so the brace is the last byte written.
    long from = out.position() - 1;
    for (int i = 0, n = labels.size(); i < n; i++) {
      names.writeFieldName(gen, labels.keyAt(i));
      gen.writeString(labels.valueAt(i));
    }
    gen.writeEndObject();
    return from << 32 | out.position();
  }

  /**
   * Writes the annotations the floor keeps, sorted by key; nothing when none is kept. Sorted input
   * (what the apiserver sends) is walked entry by entry, with no sort and no lookups.
   */
  private static void writeAnnotations(
      JsonGenerator gen, Map<String, String> annotations, EncodedNames names) throws IOException {
    if (annotations == null || annotations.isEmpty()) {
      return;
    }
    boolean started = false;
    if (annotations.size() < 2 || CanonicalOrder.isSorted(annotations.keySet())) {
      for (Map.Entry<String, String> annotation : annotations.entrySet()) {
        started = writeAnnotation(gen, names, annotation.getKey(), annotation.getValue(), started);
      }
    } else {
      for (String key : CanonicalOrder.sortedKeys(annotations)) {
        started = writeAnnotation(gen, names, key, annotations.get(key), started);
      }
    }
    if (started) {
      gen.writeEndObject();
    }
  }

  /** Writes one annotation if the floor keeps it, opening the object first; whether it is open. */
  private static boolean writeAnnotation(
      JsonGenerator gen, EncodedNames names, String key, String value, boolean started)
      throws IOException {
    if (!RedactionFloor.keepsAnnotation(key, value)) {
      return started;
    }
    if (!started) {
      gen.writeFieldName(ANNOTATIONS);
      gen.writeStartObject();
    }
    names.writeFieldName(gen, key);
    gen.writeString(value);
    return true;
  }

  private static void writeOwners(JsonGenerator gen, List<OwnerReference> owners)
      throws IOException {
    if (owners == null || owners.isEmpty()) {
      return;
    }
    gen.writeFieldName(OWNER_REFERENCES);
    gen.writeStartArray();
    for (OwnerReference owner : owners) {
      if (owner == null) {
        continue;
      }
      gen.writeStartObject();
      writeString(gen, API_VERSION, owner.getApiVersion());
      writeString(gen, KIND, owner.getKind());
      writeString(gen, NAME, owner.getName());
      if (owner.getController() != null) {
        gen.writeFieldName(CONTROLLER);
        gen.writeBoolean(owner.getController());
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static void writeString(JsonGenerator gen, SerializedString name, String value)
      throws IOException {
    if (value != null) {
      gen.writeFieldName(name);
      gen.writeString(value);
    }
  }
}
