package app.octokube.agent.engine;

import app.octokube.protocol.link.AgentDelta;
import java.util.Objects;

/**
 * A delta and its wire bytes, encoded once on the queue. The replay log is bounded by these bytes
 * and the link sends them as they are, so no delta is ever serialized twice.
 */
public record EncodedDelta(AgentDelta delta, byte[] bytes) {
  public EncodedDelta {
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(bytes, "bytes");
  }

  public long version() {
    return delta.version().value();
  }

  public int size() {
    return bytes.length;
  }
}
