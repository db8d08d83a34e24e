/**
 * Agent links: {@code /agent/v1/connect}, token authentication, one {@link
 * app.octokube.backend.agents.ClusterLink} per cluster that tracks its epoch, version, resource
 * types and current connection, and the {@link app.octokube.backend.agents.OwnerContext} that owns
 * each cluster. This package depends on nothing of the Backend but the protocol; the fan-out
 * listens to it through {@link app.octokube.backend.agents.LinkListener}.
 */
package app.octokube.backend.agents;
