/**
 * The client stream on {@code /api/v1/stream}: {@link app.octokube.protocol.client.ClientRequest}s
 * from a client, {@link app.octokube.protocol.client.ServerMessage}s from the Backend. Every
 * record validates itself in its compact constructor, so a message that exists is a valid one.
 */
package app.octokube.protocol.client;
