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
