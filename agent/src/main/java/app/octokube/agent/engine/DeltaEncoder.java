package app.octokube.agent.engine;

import app.octokube.protocol.link.AgentDelta;

/** Serializes a delta for the wire; called on the queue's thread, once per version. */
@FunctionalInterface
public interface DeltaEncoder {
  byte[] encode(AgentDelta delta);
}
