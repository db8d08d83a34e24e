import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from one second and caps the step at thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => backoffDelay(DEFAULT_BACKOFF, attempt, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('multiplies each step by a random factor between 0.5 and 1.5', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 2, 0)).toBe(2000);
    expect(backoffDelay(DEFAULT_BACKOFF, 2, 0.99999)).toBe(6000);
    expect(backoffDelay(DEFAULT_BACKOFF, 1000, 0)).toBe(15_000);
  });
});
