import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from './format';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('ages as kubectl prints them', () => {
  it.each([
    [45 * s, '45s'],
    [119 * s, '119s'],
    [3 * m + 20 * s, '3m20s'],
    [5 * m, '5m'],
    [12 * m + 5 * s, '12m'],
    [5 * h + 3 * m, '5h3m'],
    [20 * h, '20h'],
    [3 * d + 4 * h, '3d4h'],
    [45 * d, '45d'],
    [2 * 365 * d + 30 * d, '2y30d'],
    [-5 * s, '0s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('says <unknown> without a timestamp', () => {
    expect(formatAge(undefined, 0)).toBe('<unknown>');
    expect(formatAge(1000, 61_000)).toBe('60s');
  });
});
