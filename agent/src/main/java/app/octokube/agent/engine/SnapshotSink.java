package app.octokube.agent.engine;

import app.octokube.agent.projection.Projection;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import java.util.List;

/**
 * Receives one snapshot, chunk by chunk, on a snapshot-streaming thread (never the queue's). It
 * may block: only this snapshot waits.
 */
@FunctionalInterface
public interface SnapshotSink {

  /**
   * One chunk. Every chunk of a snapshot carries the same epoch and version: the version after
   * every event queued before the snapshot. A snapshot of an empty type is one empty last chunk.
   */
  void chunk(Chunk chunk) throws Exception;

  record Chunk(
      ResourceName resource, Epoch epoch, long version, int index, List<Projection> items, boolean last) {}
}
