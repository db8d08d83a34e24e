import { describe, expect, it } from 'vitest';
import { ResourceReplica } from './replica';
import { pod } from './testing';
import { resourceId, sameShape, type ClusterView, type ConnectionView, type SyncView } from './view';

const CONNECTION: ConnectionView = {
  state: 'open',
  ready: true,
  user: 'alice',
  demo: false,
  since: 0,
  lastError: null,
  malformedFrames: 0,
};
const RESOURCES = ['pods', 'events'];

function cluster(version: number, connected = true): ClusterView {
  return { cluster: 'c1', connected, epoch: 'e', version, resources: RESOURCES };
}

/** A replica of c1's pods with one pod, at version 1. */
function replica(): ResourceReplica {
  const r = new ResourceReplica('c1', 'pods');
  r.applySnapshot(
    { op: 'snapshot', cluster: 'c1', resource: 'pods', epoch: 'e', version: 1, items: [pod('a', 'p')] },
    0,
  );
  return r;
}

function view(c: ClusterView, r: ResourceReplica, connection = CONNECTION): SyncView {
  return {
    connection,
    clusters: new Map([[c.cluster, c]]),
    resources: new Map([[resourceId('c1', 'pods'), r.view(false)]]),
  };
}

describe('the shape of a view', () => {
  it('is the same after a delta that changes objects and versions only', () => {
    const r = replica();
    const before = view(cluster(1), r);
    r.applyDelta('e', 2, 2, [{ resource: 'pods', type: 'upsert', key: 'a/q', object: pod('a', 'q') }]);
    expect(sameShape(before, view(cluster(2), r))).toBe(true);
  });

  it("changes with a cluster's Agent, a resource's status or the connection", () => {
    const r = replica();
    const before = view(cluster(1), r);
    expect(sameShape(before, view(cluster(1, false), r))).toBe(false);
    expect(sameShape(before, view(cluster(1), r, { ...CONNECTION, state: 'reconnecting' }))).toBe(false);
    r.expectSnapshot();
    expect(sameShape(before, view(cluster(1), r))).toBe(false);
  });

  it('changes when a resource is held or let go', () => {
    const r = replica();
    const before = view(cluster(1), r);
    expect(sameShape(before, { ...before, resources: new Map() })).toBe(false);
  });
});
