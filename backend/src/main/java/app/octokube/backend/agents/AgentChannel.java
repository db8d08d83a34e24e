package app.octokube.backend.agents;

import app.octokube.protocol.CloseCode;
import app.octokube.protocol.link.AgentCommand;

/** One Agent connection as its {@link ClusterLink} sees it; both methods are callable from any thread. */
public interface AgentChannel {

  /** Sends a command; dropped silently if the connection is already closing. */
  void send(AgentCommand command);

  /** Closes the connection with {@code code}. */
  void close(CloseCode code);
}
