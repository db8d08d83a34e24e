import { ShardedMap, type ObjectMap, type ShardedMapEditor } from './objectMap';
import type { Change, KubeObject, SnapshotMessage } from './protocol';

/**
 * What a resource's data can be trusted for, as the IDE shows it:
 * - `live`: the replica equals the Agent's state at `version`, and the stream is flowing;
 * - `resyncing`: a snapshot is on its way (first load, a gap, an epoch change);
 * - `stale`: the Backend or the cluster's Agent is away; the data is kept but is not live;
 * - `forbidden`: the user's rules grant nothing of it (now);
 * - `error`: the Backend refused the subscription, or sent a frame for it that could not be read.
 */
export type ResourceStatus = 'live' | 'resyncing' | 'stale' | 'forbidden' | 'error';

export type Failure = { readonly code: string; readonly message: string };

/** One resource of one cluster, as the views hold it. Never mutated after it is published. */
export type ResourceView = {
  readonly cluster: string;
  readonly resource: string;
  readonly status: ResourceStatus;
  /** Null until the first snapshot. */
  readonly epoch: string | null;
  readonly version: number;
  readonly objects: ObjectMap<KubeObject>;
  /** Incremented each time `objects` changes; consecutive revisions differ by `changed`. */
  readonly revision: number;
  /** The keys whose object changed since the previous revision; null when everything may have. */
  readonly changed: ReadonlySet<string> | null;
  /** When the last snapshot arrived (epoch milliseconds), or null. */
  readonly lastResyncAt: number | null;
  readonly failure: Failure | null;
};

/** What the client rule decided for one delta. `resync` means: ask for a snapshot now. */
export type DeltaOutcome = 'applied' | 'ignored' | 'dropped' | 'resync';

/** Error codes that mean the user may not see the resource, as opposed to a fault. */
const FORBIDDING_CODES = new Set(['forbidden', 'no-access-now']);

/** The key of an object: `namespace/name`, or `name` when cluster-scoped (BRIEF.md). */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * The client's copy of one (cluster, resource), applying the client rule of BRIEF.md. Plain code
 * without I/O: the store calls it and sends the requests it asks for.
 *
 * Objects are copied on write: the map of the last published view is never mutated. The first
 * write after a publish opens an editor on a sharded map, which copies only the shards it touches,
 * once each, however many deltas land before the next publish.
 */
export class ResourceReplica {
  private epoch: string | null = null;
  private version = 0;
  private objects: ShardedMap<KubeObject> = ShardedMap.of([]);
  /** The next version of `objects`, open from the first write after a publish until the next. */
  private editor: ShardedMapEditor<KubeObject> | null = null;
  private awaitingSnapshot = true;
  private failure: Failure | null = null;
  private lastResyncAt: number | null = null;
  private revision = 0;
  /** Keys changed since the last published revision; null after a snapshot. */
  private changed: Set<string> | null = null;
  private objectsDirty = false;
  private publishedChanged: ReadonlySet<string> | null = null;
  private cached: ResourceView | null = null;

  constructor(
    readonly cluster: string,
    readonly resource: string,
  ) {}

  get currentEpoch(): string | null {
    return this.epoch;
  }

  get isAwaitingSnapshot(): boolean {
    return this.awaitingSnapshot;
  }

  get hasFailed(): boolean {
    return this.failure !== null;
  }

  /** A snapshot is authoritative: it replaces everything, whatever was pending or held. */
  applySnapshot(snapshot: SnapshotMessage, now: number): void {
    this.objects = ShardedMap.of(snapshot.items.map((item) => [objectKey(item), item] as const));
    this.editor = null;
    this.epoch = snapshot.epoch;
    this.version = snapshot.version;
    this.awaitingSnapshot = false;
    this.failure = null;
    this.lastResyncAt = now;
    this.changed = null;
    this.objectsDirty = true;
    this.cached = null;
  }

  /**
   * Applies a delta's range to this resource, given the delta's changes for it (possibly none:
   * an empty range still advances the version). The rule, in order: no state to apply to (a
   * snapshot is pending) → drop; another epoch → resync; already covered → ignore; the next
   * range → apply; anything else is a gap → resync.
   */
  applyDelta(epoch: string, from: number, to: number, changes: readonly Change[]): DeltaOutcome {
    if (this.awaitingSnapshot || this.failure !== null) {
      return 'dropped';
    }
    if (epoch !== this.epoch) {
      this.expectSnapshot();
      return 'resync';
    }
    if (to <= this.version) {
      return 'ignored';
    }
    if (from !== this.version + 1) {
      this.expectSnapshot();
      return 'resync';
    }
    for (const change of changes) {
      this.write(change);
    }
    this.version = to;
    this.cached = null;
    return 'applied';
  }

  /** The data can no longer be brought forward by deltas: wait for a snapshot, keeping it meanwhile. */
  expectSnapshot(): void {
    if (!this.awaitingSnapshot) {
      this.awaitingSnapshot = true;
      this.cached = null;
    }
  }

  /** A (re)subscription is under way: clears a failure, which the Backend will repeat if it holds. */
  resubscribing(): void {
    this.failure = null;
    this.expectSnapshot();
    this.cached = null;
  }

  /**
   * The Backend refused or ended the subscription. A refusal for access drops the objects: the
   * user may no longer see them, and the IDE must not keep showing them.
   */
  fail(failure: Failure): void {
    this.failure = failure;
    this.awaitingSnapshot = false;
    if (FORBIDDING_CODES.has(failure.code) && (this.objects.size > 0 || this.editor !== null)) {
      this.objects = ShardedMap.of([]);
      this.editor = null;
      this.changed = null;
      this.objectsDirty = true;
    }
    this.cached = null;
  }

  /**
   * The immutable view of this replica; the same object as last time when nothing changed, so
   * subscribers can compare by identity.
   */
  view(stale: boolean): ResourceView {
    const status = this.status(stale);
    if (this.cached !== null && this.cached.status === status) {
      return this.cached;
    }
    if (this.editor !== null) {
      this.objects = this.editor.build();
      this.editor = null;
    }
    if (this.objectsDirty) {
      this.revision++;
      this.publishedChanged = this.changed;
    }
    this.cached = {
      cluster: this.cluster,
      resource: this.resource,
      status,
      epoch: this.epoch,
      version: this.version,
      objects: this.objects,
      revision: this.revision,
      changed: this.publishedChanged,
      lastResyncAt: this.lastResyncAt,
      failure: this.failure,
    };
    this.objectsDirty = false;
    this.changed = new Set();
    return this.cached;
  }

  private status(stale: boolean): ResourceStatus {
    if (this.failure !== null) {
      return FORBIDDING_CODES.has(this.failure.code) ? 'forbidden' : 'error';
    }
    if (stale) {
      return 'stale';
    }
    return this.awaitingSnapshot ? 'resyncing' : 'live';
  }

  private write(change: Change): void {
    if (change.type === 'delete' && this.editor === null && !this.objects.has(change.key)) {
      return;
    }
    this.editor ??= this.objects.edit();
    if (change.type === 'upsert') {
      this.editor.set(change.key, change.object);
    } else if (!this.editor.delete(change.key)) {
      return;
    }
    this.changed?.add(change.key);
    this.objectsDirty = true;
  }
}
