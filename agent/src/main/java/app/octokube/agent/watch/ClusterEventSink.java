package app.octokube.agent.watch;

import app.octokube.agent.engine.ClusterEvent;

/**
 * Where the watchers send what they see: in the Agent, {@code executionQueue::submit}.
 *
 * <p>May block while the queue is full; the calling watcher then stops reading its stream, which
 * slows the apiserver through TCP instead of growing the heap.
 */
@FunctionalInterface
public interface ClusterEventSink {

  /** @throws IllegalStateException once the receiver is closed; the watcher then stops */
  void submit(ClusterEvent event) throws InterruptedException;
}
