package app.octokube.protocol;

import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes an {@link AgentDelta} field by field, the bytes databind writes for it, for the Agent's
 * per-event path: the Agent encodes one delta per batch, and databind's polymorphic type id, bean
 * serializers (record accessors called reflectively) and map serializer cost more than the few
 * fields themselves. Output rules, the same as databind's under {@link WireMapper}: {@code op}
 * first, then the record components in order, null fields left out, label maps sorted by key (a
 * {@link SortedMap} is trusted to be, as databind's {@code ORDER_MAP_ENTRIES_BY_KEYS} trusts it;
 * {@link Fields#labels} makes sure one with its own comparator never gets here), objects as their
 * raw bytes. The generator comes from the wire mapper, with its write features (surrogate pairs as
 * four UTF-8 bytes). CodecPropertiesTest checks that both encoders agree on arbitrary deltas.
 *
 * <p>Immutable and thread-safe.
 */
final class DeltaWriter {
  private static final SerializedString OP = new SerializedString("op");
  private static final SerializedString EPOCH = new SerializedString("epoch");
  private static final SerializedString VERSION = new SerializedString("version");
  private static final SerializedString CHANGES = new SerializedString("changes");
  private static final SerializedString RESOURCE = new SerializedString("resource");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString KEY = new SerializedString("key");
  private static final SerializedString LABELS = new SerializedString("labels");
  private static final SerializedString OBJECT = new SerializedString("object");
  private static final SerializedString PREVIOUS = new SerializedString("previous");

  /** The op of a delta, as {@code AgentMessage}'s type id names it. */
  private static final SerializedString OP_DELTA = new SerializedString("delta");

  /** {@link ChangeType}'s names on the wire, as its {@code @JsonProperty} annotations say. */
  private static final SerializedString UPSERT = new SerializedString("upsert");

  private static final SerializedString DELETE = new SerializedString("delete");

  private final ObjectMapper mapper;

  /** Label keys: every object of a kind repeats the same few. */
  private final EncodedNames names = new EncodedNames();

  DeltaWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  byte[] encode(AgentDelta delta) throws IOException {
    // As ObjectWriter.writeValueAsBytes: pooled buffers, given back when the bytes are taken.
    BufferRecycler buffers = mapper.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(buffers)) {
      // The mapper's createGenerator applies its write features, as its writers do.
      try (JsonGenerator gen = mapper.createGenerator(out, JsonEncoding.UTF8)) {
        gen.writeStartObject();
        gen.writeFieldName(OP);
        gen.writeString(OP_DELTA);
        gen.writeFieldName(EPOCH);
        gen.writeString(delta.epoch().value());
        gen.writeFieldName(VERSION);
        gen.writeNumber(delta.version().value());
        gen.writeFieldName(CHANGES);
        gen.writeStartArray();
        for (Change change : delta.changes()) {
          writeChange(gen, change);
        }
        gen.writeEndArray();
        gen.writeEndObject();
      }
      return out.getClearAndRelease();
    } finally {
      buffers.releaseToPool();
    }
  }

  private void writeChange(JsonGenerator gen, Change change) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(RESOURCE);
    gen.writeString(change.resource().value());
    gen.writeFieldName(TYPE);
    gen.writeString(change.type() == ChangeType.UPSERT ? UPSERT : DELETE);
    gen.writeFieldName(KEY);
    gen.writeString(change.key().value());
    if (change.labels() != null) {
      gen.writeFieldName(LABELS);
      writeLabels(gen, change.labels());
    }
    if (change.object() != null) {
      gen.writeFieldName(OBJECT);
      change.object().writeRaw(gen);
    }
    if (change.previous() != null) {
      gen.writeFieldName(PREVIOUS);
      gen.writeStartObject();
      gen.writeFieldName(LABELS);
      writeLabels(gen, change.previous().labels());
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private void writeLabels(JsonGenerator gen, Map<String, String> labels) throws IOException {
    if (labels instanceof SortedLabels sorted && sorted.writeJson(gen)) {
      // The projection's bytes for these labels: the previous labels are read as one run of
      // bytes, not as a dozen strings the parse has long evicted from the cache.
      return;
    }
    gen.writeStartObject();
    if (labels instanceof SortedLabels sorted) {
      for (int i = 0, n = sorted.size(); i < n; i++) {
        names.writeFieldName(gen, sorted.keyAt(i));
        gen.writeString(sorted.valueAt(i));
      }
    } else if (labels instanceof SortedMap<String, String> || labels.size() < 2) {
      for (Map.Entry<String, String> label : labels.entrySet()) {
        names.writeFieldName(gen, label.getKey());
        gen.writeString(label.getValue());
      }
    } else {
      String[] keys = labels.keySet().toArray(new String[0]);
      Arrays.sort(keys);
      for (String key : keys) {
        names.writeFieldName(gen, key);
        gen.writeString(labels.get(key));
      }
    }
    gen.writeEndObject();
  }
}
