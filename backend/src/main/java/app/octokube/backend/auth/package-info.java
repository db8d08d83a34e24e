/**
 * Who is asking and what the policy lets them see: the policy file (watched and reloaded, the last
 * good one kept in force), the adapter from the Virtual RBAC evaluator to the fan-out's access
 * questions, schedule boundaries acted on to the second, sign-in sessions and API tokens.
 */
package app.octokube.backend.auth;
