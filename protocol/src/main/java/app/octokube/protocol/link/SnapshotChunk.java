package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One part of the answer to a {@link SnapshotRequest}. A snapshot is one or more chunks with the
 * request's id, sent one after the other with no other frame between them; the last has
 * {@code last = true}. Every chunk carries the same epoch and version: the version after every
 * event the Agent's queue processed before the snapshot, so the snapshot reflects exactly the
 * deltas up to and including {@code version}.
 *
 * <p>The Agent fills a chunk up to about {@link #TARGET_BYTES} of encoded items, so that one
 * chunk never holds the link up for long and stays well under the link's frame limit. A chunk
 * other than the last holds at least one item; a snapshot of a resource with no objects is one
 * empty chunk with {@code last = true}.
 */
public record SnapshotChunk(
    String requestId,
    ResourceName resource,
    Epoch epoch,
    Version version,
    List<SnapshotItem> items,
    boolean last)
    implements AgentMessage {

  /** About how many bytes of encoded items the Agent puts in one chunk: 1 MiB. */
  public static final int TARGET_BYTES = 1 << 20;

  public SnapshotChunk {
    Fields.requestId(requestId, "requestId");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    items = Fields.list(items, "items");
    if (!last && items.isEmpty()) {
      throw new IllegalArgumentException("items must not be empty in a chunk that is not the last");
    }
  }

  /** Reads {@code last} boxed, so that a frame without it is refused rather than read as false. */
  @JsonCreator
  static SnapshotChunk fromJson(
      @JsonProperty("requestId") String requestId,
      @JsonProperty("resource") ResourceName resource,
      @JsonProperty("epoch") Epoch epoch,
      @JsonProperty("version") Version version,
      @JsonProperty("items") List<SnapshotItem> items,
      @JsonProperty("last") Boolean last) {
    Objects.requireNonNull(last, "last");
    return new SnapshotChunk(requestId, resource, epoch, version, items, last);
  }
}
