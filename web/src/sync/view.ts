import type { ConnectionState } from './connection';
import type { ResourceView } from './replica';

/** One cluster as the Backend last described it (hello, cluster and delta frames). */
export type ClusterView = {
  readonly cluster: string;
  /** Whether the cluster's Agent is connected to the Backend. */
  readonly connected: boolean;
  readonly epoch: string | null;
  /** The last version of this epoch the IDE heard of. */
  readonly version: number;
  /** The resource types the Agent serves; what the user may see of each is known on subscribe. */
  readonly resources: readonly string[];
};

export type ConnectionView = {
  readonly state: ConnectionState;
  /** True once the Backend said hello on the current socket; until then nothing is live. */
  readonly ready: boolean;
  readonly user: string | null;
  readonly demo: boolean;
  /** When the state last changed (epoch milliseconds). */
  readonly since: number;
  /** The last problem on the stream, for humans: a close reason, a refused request, a bad frame. */
  readonly lastError: string | null;
  /** How many frames from the Backend could not be read since the engine started. */
  readonly malformedFrames: number;
};

/**
 * Everything the IDE shows of the stream, published once per animation frame. Immutable, with
 * structural sharing: a resource, cluster or connection that did not change keeps its identity
 * from one view to the next, so a component re-renders only for what it reads.
 */
export type SyncView = {
  readonly connection: ConnectionView;
  /** In the Backend's order. */
  readonly clusters: ReadonlyMap<string, ClusterView>;
  /** By `resourceId(cluster, resource)`, for each resource the IDE holds. */
  readonly resources: ReadonlyMap<string, ResourceView>;
};

/** The id of a (cluster, resource) in `SyncView.resources`. */
export function resourceId(cluster: string, resource: string): string {
  return `${cluster}\u0000${resource}`;
}

/**
 * Whether two views differ at most in what changes with every delta — the resources' objects and
 * every version — and so read the same to the workspace's frame: the connection, each cluster's
 * name, Agent, epoch and resource types, each held resource's status, epoch, failure and last
 * resync. Under churn consecutive views are the same shape nearly always; what shows objects or
 * versions (the table, the detail panel, the status bar's versions) follows the engine itself.
 */
export function sameShape(a: SyncView, b: SyncView): boolean {
  if (a === b) {
    return true;
  }
  if (a.connection !== b.connection || a.clusters.size !== b.clusters.size || a.resources.size !== b.resources.size) {
    return false;
  }
  if (a.clusters !== b.clusters) {
    const before = a.clusters.values();
    for (const c of b.clusters.values()) {
      const p = before.next().value;
      if (
        p === undefined ||
        p.cluster !== c.cluster ||
        p.connected !== c.connected ||
        p.epoch !== c.epoch ||
        p.resources !== c.resources
      ) {
        return false;
      }
    }
  }
  for (const [id, r] of b.resources) {
    const p = a.resources.get(id);
    if (
      p === undefined ||
      (p !== r &&
        (p.status !== r.status || p.epoch !== r.epoch || p.failure !== r.failure || p.lastResyncAt !== r.lastResyncAt))
    ) {
      return false;
    }
  }
  return true;
}
