package app.octokube.agent.engine;

/**
 * The bounds of the Agent's queue, replay log and snapshots.
 *
 * @param maxBatchEvents events applied together as one version at most. 1,000 lets a burst of
 *     pod churn cost one version per thousand events while one delta stays around a megabyte.
 * @param queueCapacity events waiting at most; a full queue makes watchers wait, which slows the
 *     apiserver's watch stream through TCP instead of growing the heap without bound
 * @param replayMaxDeltas deltas the replay log keeps at most
 * @param replayMaxBytes encoded bytes the replay log keeps at most
 * @param snapshotChunkItems objects per snapshot chunk at most
 * @param snapshotChunkBytes projected bytes per snapshot chunk at most (a chunk may pass it by
 *     one object, since an object is never split)
 */
public record QueueConfig(
    int maxBatchEvents,
    int queueCapacity,
    int replayMaxDeltas,
    long replayMaxBytes,
    int snapshotChunkItems,
    int snapshotChunkBytes) {

  public static final QueueConfig DEFAULTS =
      new QueueConfig(1_000, 65_536, 10_000, 64L << 20, 1_000, 1 << 20);

  public QueueConfig {
    if (maxBatchEvents < 1 || queueCapacity < 1 || snapshotChunkItems < 1 || snapshotChunkBytes < 1) {
      throw new IllegalArgumentException("batch, queue and chunk sizes must be at least 1");
    }
    if (replayMaxDeltas < 0 || replayMaxBytes < 0) {
      throw new IllegalArgumentException("replay log bounds must not be negative");
    }
  }

  public QueueConfig withMaxBatchEvents(int value) {
    return new QueueConfig(value, queueCapacity, replayMaxDeltas, replayMaxBytes, snapshotChunkItems, snapshotChunkBytes);
  }

  public QueueConfig withReplay(int deltas, long bytes) {
    return new QueueConfig(maxBatchEvents, queueCapacity, deltas, bytes, snapshotChunkItems, snapshotChunkBytes);
  }

  public QueueConfig withSnapshotChunks(int items, int bytes) {
    return new QueueConfig(maxBatchEvents, queueCapacity, replayMaxDeltas, replayMaxBytes, items, bytes);
  }
}
