/**
 * What the engine does when the Backend refuses a subscription, per error code, as the table of
 * error codes in docs/protocol.md says:
 * - `fail`: show the refusal and stop asking (`forbidden`, `unknown-resource`, `unknown-cluster`);
 * - `retry`: the request was dropped or failed; ask again after a jittered backoff, keeping the
 *   resource resyncing (`rate-limited`: at least a second; `internal`);
 * - `poll`: show the refusal, and ask again now and then, since access may open
 *   (`no-access-now`: a time-windowed binding);
 * - `free`: let go of lingering subscriptions, then ask again (`too-many-subscriptions`).
 */
export type Refusal = 'fail' | 'retry' | 'poll' | 'free';

export function refusalFor(code: string): Refusal {
  switch (code) {
    case 'rate-limited':
    case 'internal':
      return 'retry';
    case 'no-access-now':
      return 'poll';
    case 'too-many-subscriptions':
      return 'free';
    default:
      return 'fail';
  }
}

/** How often a resource refused for now is asked for again: a binding's window opens on the minute. */
export const POLL_MS = 60_000;
