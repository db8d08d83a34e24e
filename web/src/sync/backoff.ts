/**
 * Reconnect delays as docs/protocol.md ("Heartbeats and reconnection") sets them: exponential
 * from 1 second to 30 seconds, each delay multiplied by a random factor between 0.5 and 1.5, so
 * that browsers cut off together by a Backend restart do not all come back in the same instant.
 */
export type BackoffPolicy = { readonly baseMs: number; readonly capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000 };

/** The delay before retry number `attempt` (0 for the first); `random` in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step * (0.5 + random));
}
