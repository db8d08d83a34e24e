import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../sync/protocol';
import { ResourceReplica } from '../sync/replica';
import { columnsFor } from './columns';
import { RowModel, type RowQuery } from './rows';
import { TableWindow } from './tableWindow';

function pod(n: number, restarts = 0): KubeObject {
  return {
    metadata: { name: `pod-${n}`, namespace: 'ns', creationTimestamp: '2026-01-01T00:00:00Z' },
    status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: restarts }] },
  };
}

const BY_KEY: RowQuery = { text: '', selector: [], namespaces: [], sort: null };
const BY_RESTARTS: RowQuery = { ...BY_KEY, sort: { column: 'restarts', descending: false } };

/**
 * 100 pods, the table showing rows 0–9 (pod-0 … pod-9 by key), as the table would after a render.
 */
function setUp(query: RowQuery = BY_KEY) {
  const replica = new ResourceReplica('c1', 'pods');
  const items = Array.from({ length: 100 }, (_, n) => pod(n));
  replica.applySnapshot({ op: 'snapshot', cluster: 'c1', resource: 'pods', epoch: 'e', version: 1, items }, 0);
  const table = new TableWindow(new RowModel(columnsFor('pods')));
  let version = 1;
  const first = table.follow(replica.view(false), query);
  table.rendered(table.rows, 0, 10);
  /** Applies one delta of upserts and deletes and follows the view it publishes. */
  const frame = (upserts: KubeObject[], deletes: string[] = []) => {
    version++;
    replica.applyDelta('e', version, version, [
      ...upserts.map((object) => ({
        resource: 'pods',
        type: 'upsert' as const,
        key: `ns/${object.metadata.name}`,
        object,
      })),
      ...deletes.map((key) => ({ resource: 'pods', type: 'delete' as const, key })),
    ]);
    return table.follow(replica.view(false), query);
  };
  return { replica, table, first, frame };
}

describe('the table window', () => {
  it('does not ask for a render when a frame changes no row on screen', () => {
    const { table, first, frame } = setUp();
    // pod-50 … pod-99 sort after pod-9 (natural order): all below the rendered window.
    expect(frame([pod(50, 1), pod(77, 2), pod(99, 3)])).toBe(first);
    // The rows still follow: a render for another reason (a scroll) shows the latest objects.
    expect(table.rows.find((r) => r.key === 'ns/pod-77')?.cells).toContain(2);
  });

  it('asks for a render when a row on screen changes', () => {
    const { first, frame } = setUp();
    expect(frame([pod(50, 1), pod(3, 1)])).not.toBe(first);
  });

  it('asks for a render when the count in the header changes, though no row on screen does', () => {
    const { first, frame } = setUp();
    expect(frame([pod(500)])).not.toBe(first);
  });

  it('asks for a render when a row moves out of the window from elsewhere and shifts it', () => {
    const { table, first, frame } = setUp(BY_RESTARTS);
    expect(table.rows[0]?.key).toBe('ns/pod-0');
    // pod-60 moves from below the window to after it: the window does not shift.
    expect(frame([pod(60, 1)])).toBe(first);
    // Deleting the first row shifts every row of the window up by one.
    expect(frame([], ['ns/pod-0'])).not.toBe(first);
  });

  it('compares with what was rendered last, not with the previous view', () => {
    const { table, first, frame } = setUp();
    const second = frame([pod(3, 1)]);
    expect(second).not.toBe(first);
    // Not rendered yet: the window still holds the old pod-3, so a change elsewhere still counts.
    expect(frame([pod(77, 1)])).not.toBe(second);
    table.rendered(table.rows, 0, 10);
    const third = frame([pod(78, 1)]);
    expect(frame([pod(79, 1)])).toBe(third);
  });

  it('asks for a render when the status changes', () => {
    const { replica, table, first } = setUp();
    replica.expectSnapshot();
    expect(table.follow(replica.view(false), BY_KEY)).not.toBe(first);
  });

  it('asks for a render for a new query, and not again for the same view and query', () => {
    const { replica, table, first } = setUp();
    const view = replica.view(false);
    const sorted = table.follow(view, BY_RESTARTS);
    expect(sorted).not.toBe(first);
    expect(table.follow(view, BY_RESTARTS)).toBe(sorted);
  });

  it('asks for a render for every view when told to, as the baseline renders every message', () => {
    const replica = new ResourceReplica('c1', 'pods');
    const items = Array.from({ length: 100 }, (_, n) => pod(n));
    replica.applySnapshot({ op: 'snapshot', cluster: 'c1', resource: 'pods', epoch: 'e', version: 1, items }, 0);
    const table = new TableWindow(new RowModel(columnsFor('pods')), true);
    const first = table.follow(replica.view(false), BY_KEY);
    table.rendered(table.rows, 0, 10);
    replica.applyDelta('e', 2, 2, [{ resource: 'pods', type: 'upsert', key: 'ns/pod-77', object: pod(77, 1) }]);
    expect(table.follow(replica.view(false), BY_KEY)).not.toBe(first);
  });
});
