/** The Backend: agent links, sessions, Virtual RBAC, fan-out and snapshot deduplication. */
package app.octokube.backend;
