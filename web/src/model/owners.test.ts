import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../sync/protocol';
import { eventsFor } from './events';
import { ownedBy, ownersOf } from './owners';

const deployment: KubeObject = { kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'd1' } };
const rs = (name: string, owner = 'web'): KubeObject => ({
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, controller: true }],
  },
});
const pod = (name: string, owner: string, namespace = 'shop'): KubeObject => ({
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, controller: true }],
  },
});
const map = (objects: KubeObject[]) => new Map(objects.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));

describe('the owner graph', () => {
  it('links an object to its owners by kind, in its namespace', () => {
    expect(ownersOf(pod('web-abc-1', 'web-abc'))).toEqual([
      { resource: 'replicasets.apps', key: 'shop/web-abc', kind: 'ReplicaSet', name: 'web-abc', controller: true },
    ]);
  });

  it('links a cluster-scoped owner without a namespace, and an unknown kind without a resource', () => {
    const mirror: KubeObject = {
      metadata: {
        name: 'etcd-node-1',
        namespace: 'kube-system',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Node', name: 'node-1' },
          { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' },
        ],
      },
    };
    expect(ownersOf(mirror)).toEqual([
      { resource: 'nodes', key: 'node-1', kind: 'Node', name: 'node-1', controller: false },
      { resource: null, key: 'kube-system/w', kind: 'Widget', name: 'w', controller: false },
    ]);
  });

  it('finds what a deployment owns, and what those own, down to pods', () => {
    const replicaSets = map([rs('web-abc'), rs('web-old'), rs('api-123', 'api')]);
    const pods = map([
      pod('web-abc-1', 'web-abc'),
      pod('web-abc-2', 'web-abc'),
      pod('api-123-1', 'api-123'),
      pod('web-abc-9', 'web-abc', 'other'),
    ]);

    const owned = ownedBy(deployment, 'Deployment', 'replicasets.apps', replicaSets);
    expect(owned.map((o) => o.key)).toEqual(['shop/web-abc', 'shop/web-old']);
    const first = replicaSets.get('shop/web-abc');
    expect(first && ownedBy(first, 'ReplicaSet', 'pods', pods).map((o) => o.key)).toEqual([
      'shop/web-abc-1',
      'shop/web-abc-2',
    ]);
  });
});

describe('the events of an object', () => {
  const event = (name: string, kind: string, object: string, last: string, uid?: string): KubeObject => ({
    metadata: { name, namespace: 'shop' },
    involvedObject: { kind, name: object, namespace: 'shop', ...(uid ? { uid } : {}) },
    reason: 'Scaled',
    lastTimestamp: last,
  });

  it('lists the events involving the object, newest first', () => {
    const events = map([
      event('e1', 'Deployment', 'web', '2026-01-01T00:00:00Z'),
      event('e2', 'Deployment', 'web', '2026-01-03T00:00:00Z'),
      event('e3', 'Deployment', 'api', '2026-01-02T00:00:00Z'),
      event('e4', 'Pod', 'web', '2026-01-02T00:00:00Z'),
    ]);
    expect(eventsFor(deployment, 'Deployment', events).map((e) => e.metadata.name)).toEqual(['e2', 'e1']);
  });

  it('leaves out events of an earlier object of the same name', () => {
    const events = map([
      event('old', 'Deployment', 'web', '2026-01-01T00:00:00Z', 'd0'),
      event('new', 'Deployment', 'web', '2026-01-02T00:00:00Z', 'd1'),
    ]);
    expect(eventsFor(deployment, 'Deployment', events).map((e) => e.metadata.name)).toEqual(['new']);
  });
});
