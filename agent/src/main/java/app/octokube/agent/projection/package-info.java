/**
 * Reducing Kubernetes objects to what the Web IDE shows. Pure functions, no I/O:
 * docs/projections.md lists the fields kept per kind, and the redaction floor that holds
 * whatever the configuration says. Entry points: {@link app.octokube.agent.projection.Projectors}
 * (the projector for a resource, and configuration of extra paths) and
 * {@link app.octokube.agent.projection.BuiltinResources} (the kinds to watch).
 */
package app.octokube.agent.projection;
