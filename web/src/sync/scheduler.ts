/**
 * Time as the sync engine sees it, injected so tests drive frames and timers by hand. The
 * defaults read the globals at call time, so fake timers installed after construction apply.
 */
export type TimerHandle = unknown;

export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  requestFrame(callback: () => void): TimerHandle;
  cancelFrame(handle: TimerHandle): void;
}

export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  requestFrame: (callback) => globalThis.requestAnimationFrame(() => callback()),
  cancelFrame: (handle) => globalThis.cancelAnimationFrame(handle as number),
};
