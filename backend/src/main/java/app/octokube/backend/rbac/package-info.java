/**
 * Virtual RBAC: Octokube's own access rules, as a pure core with no I/O but parsing text.
 *
 * <p>The data path: {@link app.octokube.backend.rbac.PolicyParser} turns YAML into a valid
 * {@link app.octokube.backend.rbac.Policy} or refuses it whole with a
 * {@link app.octokube.backend.rbac.PolicyException} naming the line; {@link
 * app.octokube.backend.rbac.Policy#access} gathers the rules that apply to a user on a cluster at
 * an instant into an {@link app.octokube.backend.rbac.Access}; its {@link
 * app.octokube.backend.rbac.ResourceView}s decide each object; its {@link
 * app.octokube.backend.rbac.AccessKey} groups users with identical access so the Backend encodes
 * one payload per group; {@link app.octokube.backend.rbac.Policy#nextChange} says when a schedule
 * or an expiry makes the access stale.
 *
 * <p>The rules: default deny; allows add up; any matching deny wins; an allow's {@code *} never
 * includes secrets, a deny's does; a namespaced rule never matches cluster-scoped objects; a
 * Namespace object is visible to whoever may see into that namespace; a binding applies only
 * inside its schedule and before its expiry. docs/virtual-rbac.md is the full description.
 */
package app.octokube.backend.rbac;
