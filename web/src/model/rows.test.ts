import { describe, expect, it } from 'vitest';
import type { Change, KubeObject } from '../sync/protocol';
import { ResourceReplica, type ResourceView } from '../sync/replica';
import { columnsFor } from './columns';
import { parseSelector, type Selector } from './labelSelector';
import { RowModel, type RowQuery } from './rows';

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  restarts = 0,
  created = '2026-01-01T00:00:00Z',
): KubeObject {
  return {
    metadata: { name, namespace, labels, creationTimestamp: created },
    spec: { nodeName: `node-${name.length}`, containers: [{ name: 'c' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'c', ready: true, restartCount: restarts, state: { running: { startedAt: created } } },
      ],
    },
  };
}

function viewOf(objects: KubeObject[]): { replica: ResourceReplica; view: ResourceView } {
  const replica = new ResourceReplica('c1', 'pods');
  replica.applySnapshot({ op: 'snapshot', cluster: 'c1', resource: 'pods', epoch: 'e', version: 1, items: objects }, 0);
  return { replica, view: replica.view(false) };
}

function selector(text: string): Selector {
  const parsed = parseSelector(text);
  return parsed.ok ? parsed.selector : [];
}

const query = (q: Partial<RowQuery> = {}): RowQuery => ({ text: '', selector: [], namespaces: [], sort: null, ...q });
const keys = (rows: readonly { key: string }[]) => rows.map((r) => r.key);

const PODS = [
  pod('shop', 'web-10', { app: 'web', tier: 'frontend' }, 4, '2026-01-03T00:00:00Z'),
  pod('shop', 'web-9', { app: 'web', tier: 'frontend' }, 0, '2026-01-01T00:00:00Z'),
  pod('shop', 'api-1', { app: 'api', tier: 'backend' }, 12, '2026-01-02T00:00:00Z'),
  pod('billing', 'api-1', { app: 'api' }, 1, '2026-01-04T00:00:00Z'),
  pod('kube-system', 'dns', {}, 0, '2025-12-01T00:00:00Z'),
];

describe('sorting rows', () => {
  const model = () => new RowModel(columnsFor('pods'));

  it('orders by namespace and name in natural order by default', () => {
    expect(keys(model().rows(viewOf(PODS).view, query()))).toEqual([
      'billing/api-1',
      'kube-system/dns',
      'shop/api-1',
      'shop/web-9',
      'shop/web-10',
    ]);
  });

  it('sorts numbers numerically in both directions, ties by key', () => {
    const { view } = viewOf(PODS);
    expect(keys(model().rows(view, query({ sort: { column: 'restarts', descending: false } })))).toEqual([
      'kube-system/dns',
      'shop/web-9',
      'billing/api-1',
      'shop/web-10',
      'shop/api-1',
    ]);
    expect(keys(model().rows(view, query({ sort: { column: 'restarts', descending: true } })))[0]).toBe('shop/api-1');
  });

  it('sorts ages youngest first when ascending', () => {
    expect(keys(model().rows(viewOf(PODS).view, query({ sort: { column: 'age', descending: false } })))).toEqual([
      'billing/api-1',
      'shop/web-10',
      'shop/api-1',
      'shop/web-9',
      'kube-system/dns',
    ]);
  });

  it('sorts text columns in natural order', () => {
    expect(keys(model().rows(viewOf(PODS).view, query({ sort: { column: 'name', descending: false } })))).toEqual([
      'billing/api-1',
      'shop/api-1',
      'kube-system/dns',
      'shop/web-9',
      'shop/web-10',
    ]);
  });

  it('puts empty cells last whatever the direction', () => {
    const unscheduled: KubeObject = { metadata: { name: 'pending', namespace: 'shop' }, status: { phase: 'Pending' } };
    const { view } = viewOf([...PODS, unscheduled]);
    for (const descending of [false, true]) {
      expect(keys(model().rows(view, query({ sort: { column: 'node', descending } }))).at(-1)).toBe('shop/pending');
    }
  });
});

describe('filtering rows', () => {
  const rows = (q: Partial<RowQuery>) => keys(new RowModel(columnsFor('pods')).rows(viewOf(PODS).view, query(q)));

  it('keeps rows containing every word of the search, in any text column', () => {
    expect(rows({ text: 'API' })).toEqual(['billing/api-1', 'shop/api-1']);
    expect(rows({ text: 'api shop' })).toEqual(['shop/api-1']);
    expect(rows({ text: 'node-3' })).toEqual(['kube-system/dns']);
    expect(rows({ text: 'nothing-like-this' })).toEqual([]);
  });

  it('keeps rows whose labels match the selector', () => {
    expect(rows({ selector: selector('app=web') })).toEqual(['shop/web-9', 'shop/web-10']);
    expect(rows({ selector: selector('app in (api), tier notin (backend)') })).toEqual(['billing/api-1']);
    expect(rows({ selector: selector('!app') })).toEqual(['kube-system/dns']);
  });

  it('keeps rows of the chosen namespaces only', () => {
    expect(rows({ namespaces: ['billing', 'kube-system'] })).toEqual(['billing/api-1', 'kube-system/dns']);
  });

  it('combines search, selector and namespaces', () => {
    expect(rows({ text: 'api', selector: selector('app=api'), namespaces: ['shop'] })).toEqual(['shop/api-1']);
  });
});

describe('following changes', () => {
  it('returns the same rows while neither the objects nor the query change', () => {
    const model = new RowModel(columnsFor('pods'));
    const { view } = viewOf(PODS);
    const q = query();
    expect(model.rows(view, q)).toBe(model.rows(view, q));
  });

  it('moves only the changed rows and ends where a full rebuild would', () => {
    // A seeded pseudo-random stream of upserts and deletes, checked after every frame against a
    // model that rebuilds from scratch.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const initial = Array.from({ length: 300 }, (_, i) =>
      pod(`ns-${i % 7}`, `pod-${i}`, { app: i % 3 === 0 ? 'web' : 'api' }, i % 11),
    );
    const { replica } = viewOf(initial);
    let version = 1;
    const q = query({ text: 'pod', selector: selector('app=web'), sort: { column: 'restarts', descending: true } });
    const incremental = new RowModel(columnsFor('pods'));
    incremental.rows(replica.view(false), q);

    for (let frame = 0; frame < 60; frame++) {
      for (let d = 0; d < 5; d++) {
        const i = Math.floor(random() * 400);
        const change: Change =
          random() < 0.2
            ? { resource: 'pods', type: 'delete', key: `ns-${i % 7}/pod-${i}` }
            : {
                resource: 'pods',
                type: 'upsert',
                key: `ns-${i % 7}/pod-${i}`,
                object: pod(
                  `ns-${i % 7}`,
                  `pod-${i}`,
                  { app: random() < 0.5 ? 'web' : 'api' },
                  Math.floor(random() * 20),
                ),
              };
        version++;
        replica.applyDelta('e', version, version, [change]);
      }
      const view = replica.view(false);
      expect(keys(incremental.rows(view, q))).toEqual(keys(new RowModel(columnsFor('pods')).rows(view, q)));
    }
  });

  it('rebuilds after a snapshot, a skipped revision or a new query', () => {
    const model = new RowModel(columnsFor('pods'));
    const { replica, view } = viewOf(PODS);
    model.rows(view, query());
    replica.applySnapshot(
      { op: 'snapshot', cluster: 'c1', resource: 'pods', epoch: 'e', version: 9, items: [pod('x', 'only')] },
      0,
    );
    expect(keys(model.rows(replica.view(false), query()))).toEqual(['x/only']);
  });

  it("finds a row's index by key", () => {
    const model = new RowModel(columnsFor('pods'));
    const rows = model.rows(viewOf(PODS).view, query({ sort: { column: 'restarts', descending: true } }));
    expect(rows.map((r) => model.indexOf(r.key))).toEqual([0, 1, 2, 3, 4]);
    expect(model.indexOf('nowhere/none')).toBe(-1);
  });

  it('reuses the cells of an unchanged object', () => {
    const model = new RowModel(columnsFor('pods'));
    const { replica, view } = viewOf(PODS);
    const q = query();
    const before = model.rows(view, q);
    replica.applyDelta('e', 2, 2, [{ resource: 'pods', type: 'upsert', key: 'new/pod', object: pod('new', 'pod') }]);
    const after = model.rows(replica.view(false), q);
    expect(after.find((r) => r.key === 'shop/web-9')?.cells).toBe(before.find((r) => r.key === 'shop/web-9')?.cells);
    expect(after).toHaveLength(6);
  });

  it('computes no cells of rows nobody reads, sorted by key', () => {
    const read: string[] = [];
    const columns = columnsFor('pods').map((c) => ({
      ...c,
      value: (object: KubeObject) => {
        read.push(object.metadata.name);
        return c.value(object);
      },
    }));
    const model = new RowModel(columns);
    const rows = model.rows(viewOf(PODS).view, query());
    expect(read).toEqual([]);
    expect(rows[0]?.cells).toHaveLength(columns.length);
    expect(new Set(read)).toEqual(new Set(['api-1']));
    model.rows(viewOf(PODS).view, query({ sort: { column: 'restarts', descending: false } }));
    expect(new Set(read)).toEqual(new Set(PODS.map((p) => p.metadata.name)));
  });
});
