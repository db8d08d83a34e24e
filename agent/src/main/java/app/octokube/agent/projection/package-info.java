/**
 * Reducing Kubernetes objects to what the Web IDE shows. Pure functions, no I/O:
 * docs/projections.md lists the fields kept per kind, and the redaction floor that holds
 * whatever the configuration says.
 */
package app.octokube.agent.projection;
