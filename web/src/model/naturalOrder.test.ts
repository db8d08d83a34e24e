import { describe, expect, it } from 'vitest';
import { naturalCompare } from './naturalOrder';

describe('natural order', () => {
  it('sorts digit runs as numbers', () => {
    expect(['pod-10', 'pod-9', 'pod-100', 'pod-1', 'api'].sort(naturalCompare)).toEqual([
      'api',
      'pod-1',
      'pod-9',
      'pod-10',
      'pod-100',
    ]);
  });

  it('is a total order that tells equal numbers with different zeros apart', () => {
    expect(naturalCompare('a01', 'a1')).not.toBe(0);
    expect(Math.sign(naturalCompare('a01', 'a1'))).toBe(-Math.sign(naturalCompare('a1', 'a01')));
    expect(naturalCompare('same', 'same')).toBe(0);
  });

  it('puts a prefix before the longer string', () => {
    expect(naturalCompare('web', 'web-1')).toBeLessThan(0);
    expect(naturalCompare('web-1', 'web')).toBeGreaterThan(0);
  });

  it('compares numbers longer than a double can hold exactly', () => {
    expect(naturalCompare('v12345678901234567890', 'v12345678901234567891')).toBeLessThan(0);
  });
});
