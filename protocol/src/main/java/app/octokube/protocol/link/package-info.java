/**
 * The Agent-Backend link: {@link app.octokube.protocol.link.AgentMessage}s from the Agent,
 * {@link app.octokube.protocol.link.AgentCommand}s from the Backend. Every record validates
 * itself in its compact constructor, so a message that exists is a valid one.
 */
package app.octokube.protocol.link;
