package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.client.ClientChange;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Objects;

/**
 * A delta on its way to one client: its range, the changes that client may see (kept so the
 * outbox can merge deltas while the client is slow) and their shared encoded body.
 *
 * @param body the encoded {@code [changes…]}} shared by the client's access class
 * @param mergeable whether the outbox may merge this delta into the previous one of the same
 *     cluster when both wait in the queue. The hub clears it when some subscription ignores the
 *     previous delta but applies this one (its snapshot version is the previous delta's end), or
 *     when the previous delta was a catch-up: merging would then show that subscription a gap.
 */
public record DeltaMessage(
    ClusterId cluster,
    Epoch epoch,
    long from,
    long to,
    List<ClientChange> changes,
    Buffer body,
    boolean mergeable) {

  public DeltaMessage {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(body, "body");
    if (from < 1 || from > to) {
      throw new IllegalArgumentException("a delta covers 1 <= from <= to");
    }
  }

  public OutboundMessage toOutbound() {
    return WireFrames.delta(cluster, epoch, from, to, body);
  }

  public long size() {
    return WireFrames.deltaHeadLength(cluster, epoch, from, to) + body.length();
  }
}
