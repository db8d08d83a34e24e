import type { Change, ClientRequest, Decoded, DeltaMessage, ErrorMessage, HelloMessage } from './protocol';
import { refusalFor, type Refusal } from './refusals';
import { ResourceReplica } from './replica';
import { resourceId, type ClusterView, type ConnectionView } from './view';

/** What applying frames asks of its owner: sockets and timers stay outside this module. */
export interface StreamEffects {
  send(replica: ResourceReplica, op: ClientRequest['op']): void;
  /** A snapshot answered what was asked for this replica. */
  answered(replica: ResourceReplica): void;
  /** The Backend refused this replica's subscription; the replica already shows it if it must. */
  refused(replica: ResourceReplica, refusal: Refusal, code: string, message: string): void;
  /** The Backend said hello on a new socket: subscribe everything again. */
  greeted(): void;
  /** The session ended (an `unauthenticated` error): stop the socket. */
  signedOut(): void;
  log(message: string): void;
}

/**
 * The state the stream's frames act on: the replicas, the clusters and the connection as the
 * views show them. Applies decoded frames in order, following the client's rule and the error
 * table of docs/protocol.md; everything it must send or schedule goes through `StreamEffects`.
 */
export class StreamState {
  readonly replicas = new Map<string, ResourceReplica>();
  /** Replaced, never mutated, when a cluster changes: views share it by identity. */
  clusters: ReadonlyMap<string, ClusterView> = new Map();
  connection: ConnectionView;

  constructor(
    private readonly effects: StreamEffects,
    now: number,
  ) {
    this.connection = {
      state: 'closed',
      ready: false,
      user: null,
      demo: false,
      since: now,
      lastError: null,
      malformedFrames: 0,
    };
  }

  setConnection(change: Partial<ConnectionView>): void {
    this.connection = { ...this.connection, ...change };
  }

  /** Data is stale while the stream is not ready or the cluster's Agent is away. */
  isStale(cluster: string): boolean {
    return !this.connection.ready || this.clusters.get(cluster)?.connected !== true;
  }

  apply(frames: readonly Decoded[], now: number): void {
    for (const decoded of frames) {
      if (!decoded.ok) {
        this.malformed(decoded.reason, decoded.op, decoded.cluster, decoded.resource);
        continue;
      }
      const message = decoded.message;
      switch (message.op) {
        case 'hello':
          this.hello(message);
          break;
        case 'snapshot': {
          const replica = this.replicas.get(resourceId(message.cluster, message.resource));
          if (replica !== undefined) {
            replica.applySnapshot(message, now);
            this.effects.answered(replica);
          }
          this.updateCluster(message.cluster, (c) => advance(c, message.epoch, message.version));
          break;
        }
        case 'delta':
          this.delta(message);
          break;
        case 'cluster':
          this.clusterStatus(message.cluster, message.connected, message.epoch);
          break;
        case 'error':
          this.error(message);
          break;
      }
    }
  }

  private hello(hello: HelloMessage): void {
    this.clusters = new Map(hello.clusters.map((c) => [c.cluster, { ...c }]));
    this.setConnection({ ready: true, user: hello.user, demo: hello.demo });
    this.effects.greeted();
  }

  private delta(delta: DeltaMessage): void {
    this.updateCluster(delta.cluster, (c) => advance(c, delta.epoch, delta.to));
    const byResource = new Map<string, Change[]>();
    for (const change of delta.changes) {
      const list = byResource.get(change.resource);
      if (list === undefined) {
        byResource.set(change.resource, [change]);
      } else {
        list.push(change);
      }
    }
    for (const replica of this.replicasOf(delta.cluster)) {
      if (replica.applyDelta(delta.epoch, delta.from, delta.to, byResource.get(replica.resource) ?? []) === 'resync') {
        this.effects.send(replica, 'resync');
      }
    }
  }

  /**
   * An Agent that comes back with a new epoch invalidates what the IDE holds of its cluster. The
   * Backend sends fresh snapshots unasked (docs/protocol.md, "Opening the link and resuming");
   * the engine's watchdog asks if none comes.
   */
  private clusterStatus(cluster: string, connected: boolean, epoch: string | null): void {
    this.updateCluster(cluster, (c) => ({
      ...c,
      connected,
      epoch: epoch ?? c.epoch,
      version: epoch !== null && epoch !== c.epoch ? 0 : c.version,
    }));
    if (connected && epoch !== null) {
      for (const replica of this.replicasOf(cluster)) {
        if (!replica.hasFailed && replica.currentEpoch !== epoch) {
          replica.expectSnapshot();
        }
      }
    }
  }

  private error(error: ErrorMessage): void {
    const text = `${error.code}: ${error.message}`;
    this.setConnection({ lastError: text });
    if (error.code === 'unauthenticated') {
      this.effects.signedOut();
      return;
    }
    this.effects.log(`the Backend refused a request: ${text}`);
    const failure = { code: error.code, message: error.message };
    const replicas =
      error.resource !== null
        ? [this.replicas.get(resourceId(error.cluster ?? '', error.resource))].filter((r) => r !== undefined)
        : error.cluster !== null
          ? this.replicasOf(error.cluster)
          : [];
    const refusal = refusalFor(error.code);
    for (const replica of replicas) {
      if (refusal === 'fail' || refusal === 'poll') {
        replica.fail(failure);
      } else {
        replica.expectSnapshot();
      }
      this.effects.refused(replica, refusal, error.code, error.message);
    }
  }

  /**
   * A frame that cannot be read is never applied. If it was a delta, its cluster's replicas may
   * now miss changes, so they resync; a bad snapshot marks its resource in error instead of
   * asking again, since the Backend would likely send the same bytes.
   */
  private malformed(reason: string, op: string | null, cluster: string | null, resource: string | null): void {
    this.effects.log(`ignored a malformed ${op ?? ''} frame: ${reason}`);
    this.setConnection({
      lastError: `malformed frame from the Backend: ${reason}`,
      malformedFrames: this.connection.malformedFrames + 1,
    });
    if (op === 'delta' && cluster !== null) {
      for (const replica of this.replicasOf(cluster)) {
        if (!replica.isAwaitingSnapshot && !replica.hasFailed) {
          replica.expectSnapshot();
          this.effects.send(replica, 'resync');
        }
      }
    } else if (op === 'snapshot' && cluster !== null && resource !== null) {
      this.replicas.get(resourceId(cluster, resource))?.fail({ code: 'malformed', message: reason });
    }
  }

  private replicasOf(cluster: string): ResourceReplica[] {
    return [...this.replicas.values()].filter((r) => r.cluster === cluster);
  }

  private updateCluster(cluster: string, update: (current: ClusterView) => ClusterView): void {
    const current = this.clusters.get(cluster) ?? { cluster, connected: false, epoch: null, version: 0, resources: [] };
    const next = update(current);
    if (
      next.connected !== current.connected ||
      next.epoch !== current.epoch ||
      next.version !== current.version ||
      !this.clusters.has(cluster)
    ) {
      const clusters = new Map(this.clusters);
      clusters.set(cluster, next);
      this.clusters = clusters;
    }
  }
}

/** A version seen on the stream: a new epoch restarts the count; an older version changes nothing. */
function advance(cluster: ClusterView, epoch: string, version: number): ClusterView {
  if (epoch !== cluster.epoch) {
    return { ...cluster, epoch, version, connected: true };
  }
  return version > cluster.version ? { ...cluster, version } : cluster;
}
