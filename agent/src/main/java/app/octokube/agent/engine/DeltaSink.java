package app.octokube.agent.engine;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.ResourceName;
import java.util.Set;

/**
 * Where the queue sends what it produces. Called on the queue's thread, in version order.
 *
 * <p>An implementation must return promptly and never block: the queue stops for nobody. One that
 * talks to a network hands the delta to a bounded buffer ({@link DeltaOutbox}) and reports a
 * buffer overflow as a gap rather than waiting.
 */
public interface DeltaSink {

  void onDelta(EncodedDelta delta);

  /** The set of tracked resource types changed, as of {@code version}. */
  default void onResourcesChanged(Epoch epoch, long version, Set<ResourceName> resources) {}

  /** A sink that discards everything, for a queue nobody reads yet. */
  DeltaSink NONE = delta -> {};
}
