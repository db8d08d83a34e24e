import { describe, expect, it } from 'vitest';
import type { SnapshotMessage } from './protocol';
import { objectKey, ResourceReplica } from './replica';
import { pod } from './testing';

const snapshot = (version: number, names: string[]): SnapshotMessage => ({
  op: 'snapshot',
  cluster: 'c1',
  resource: 'pods',
  epoch: 'e',
  version,
  items: names.map((n) => pod('ns', n)),
});
const up = (name: string) => ({
  resource: 'pods',
  type: 'upsert' as const,
  key: `ns/${name}`,
  object: pod('ns', name),
});

describe('a resource replica', () => {
  it('keys namespaced objects by namespace/name and cluster-scoped ones by name', () => {
    expect(objectKey(pod('shop', 'a'))).toBe('shop/a');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
  });

  it('drops every delta until it has a snapshot', () => {
    const replica = new ResourceReplica('c1', 'pods');
    expect(replica.applyDelta('e', 1, 1, [up('a')])).toBe('dropped');
    expect(replica.view(false).status).toBe('resyncing');
  });

  it('gathers every delta between two publishes into one new revision', () => {
    const replica = new ResourceReplica('c1', 'pods');
    replica.applySnapshot(snapshot(1, ['a']), 0);
    const first = replica.view(false);
    replica.applyDelta('e', 2, 2, [up('b')]);
    replica.applyDelta('e', 3, 3, [up('c'), { resource: 'pods', type: 'delete', key: 'ns/a' }]);
    const second = replica.view(false);

    expect([...first.objects.keys()]).toEqual(['ns/a']);
    expect([...second.objects.keys()].sort()).toEqual(['ns/b', 'ns/c']);
    expect(second.revision).toBe(first.revision + 1);
    expect(second.changed).toEqual(new Set(['ns/b', 'ns/c', 'ns/a']));
  });

  it('reports no change for the delete of an object it does not hold', () => {
    const replica = new ResourceReplica('c1', 'pods');
    replica.applySnapshot(snapshot(1, ['a']), 0);
    const before = replica.view(false);
    replica.applyDelta('e', 2, 2, [{ resource: 'pods', type: 'delete', key: 'ns/zzz' }]);
    const after = replica.view(false);

    expect(after.objects).toBe(before.objects);
    expect(after.revision).toBe(before.revision);
    expect(after.version).toBe(2);
  });

  it('marks a snapshot as a change of everything', () => {
    const replica = new ResourceReplica('c1', 'pods');
    replica.applySnapshot(snapshot(1, ['a']), 0);
    replica.view(false);
    replica.applySnapshot(snapshot(5, ['a', 'b']), 0);
    expect(replica.view(false).changed).toBeNull();
  });

  it('returns the same view while nothing changes, and a new one when only the status does', () => {
    const replica = new ResourceReplica('c1', 'pods');
    replica.applySnapshot(snapshot(1, ['a']), 0);
    const live = replica.view(false);
    expect(replica.view(false)).toBe(live);
    const stale = replica.view(true);
    expect(stale).not.toBe(live);
    expect(stale.status).toBe('stale');
    expect(stale.objects).toBe(live.objects);
  });
});
