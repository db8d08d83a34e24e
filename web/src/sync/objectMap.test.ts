import { describe, expect, it } from 'vitest';
import { ShardedMap } from './objectMap';

const entries = (n: number) => Array.from({ length: n }, (_, i) => [`ns-${i % 7}/pod-${i}`, i] as const);
const shardsOf = (map: ShardedMap<number>) =>
  (map as unknown as { shards: readonly ReadonlyMap<string, number>[] }).shards;

describe('the sharded map', () => {
  it('holds what it was built from', () => {
    const map = ShardedMap.of(entries(1000));
    expect(map.size).toBe(1000);
    expect(map.get('ns-3/pod-10')).toBe(10);
    expect(map.has('ns-0/pod-10')).toBe(false);
    expect([...map.keys()].sort()).toEqual(
      entries(1000)
        .map(([k]) => k)
        .sort(),
    );
    expect([...map.values()].reduce((a, b) => a + b, 0)).toBe(499_500);
    expect(new Map(map).size).toBe(1000);
  });

  it('leaves the version it was edited from untouched', () => {
    const base = ShardedMap.of(entries(100));
    const editor = base.edit();
    editor.set('new/pod', -1);
    editor.set('ns-0/pod-0', 42);
    expect(editor.delete('ns-1/pod-1')).toBe(true);
    expect(editor.delete('absent/pod')).toBe(false);
    const next = editor.build();

    expect(base.size).toBe(100);
    expect(base.get('ns-0/pod-0')).toBe(0);
    expect(base.has('new/pod')).toBe(false);
    expect(next.size).toBe(100);
    expect(next.get('ns-0/pod-0')).toBe(42);
    expect(next.has('ns-1/pod-1')).toBe(false);
  });

  it('shares every shard a change did not touch', () => {
    const base = ShardedMap.of(entries(10_000));
    const editor = base.edit();
    editor.set('ns-0/pod-0', 1);
    editor.set('ns-1/pod-1', 2);
    const next = editor.build();

    const shared = shardsOf(next).filter((shard, i) => shard === shardsOf(base)[i]).length;
    expect(shardsOf(base).length).toBe(512);
    expect(shared).toBeGreaterThanOrEqual(510);
  });

  it('sizes its shards from what it is built with, within bounds', () => {
    expect(shardsOf(ShardedMap.of([])).length).toBe(16);
    expect(shardsOf(ShardedMap.of(entries(200_000))).length).toBe(4096);
  });
});
