package app.octokube.backend.agents;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.link.AgentDelta;
import app.octokube.protocol.link.SnapshotChunk;
import java.util.List;

/**
 * What a {@link ClusterLink} tells the rest of the Backend, on the cluster's {@link OwnerContext},
 * in order. Deltas arrive gap-free and in version order between a {@link #linkUp} and the next
 * {@link #linkDown}; snapshot chunks may come between them in any order relative to the deltas,
 * and are placed by their version, never by their arrival.
 */
public interface LinkListener {

  /**
   * The Agent is connected and its deltas follow, starting right after {@code version}.
   *
   * @param resumed true when the link resumed the history the Backend already held (same epoch,
   *     nothing missed): subscriptions carry on. False when a new history starts (a new epoch, or a
   *     replay log that no longer reaches back): every subscription needs a fresh snapshot.
   */
  void linkUp(Epoch epoch, long version, List<ResourceName> resources, boolean resumed);

  /** The Agent went away; a later {@link #linkUp} says how it came back. */
  void linkDown();

  /** The next version, one more than the last. */
  void delta(AgentDelta delta);

  /** A part of the answer to a snapshot request. */
  void snapshotChunk(SnapshotChunk chunk);

  /** The Agent refused or failed a snapshot request. */
  void snapshotFailed(String requestId, String code);

  /** The resource types the Agent serves changed; the list is the whole new set. */
  void resourcesChanged(List<ResourceName> resources);
}
