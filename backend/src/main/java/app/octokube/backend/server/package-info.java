/**
 * The Backend's HTTP surface on one Vert.x server: {@link app.octokube.backend.server.BackendServer}
 * and its configuration, the client stream endpoint (origin check, {@link
 * app.octokube.backend.server.Authenticator}, limits, heartbeat), and the health and metrics
 * endpoints.
 */
package app.octokube.backend.server;
