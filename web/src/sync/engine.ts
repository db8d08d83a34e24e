import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { browserSocketFactory, StreamConnection, type SocketFactory } from './connection';
import { FrameQueue, type Batching } from './frameQueue';
import { binaryFrame, decodeServerMessage, encodeClientRequest, type ClientRequest, type Decoded } from './protocol';
import { POLL_MS, type Refusal } from './refusals';
import { ResourceReplica, type ResourceView } from './replica';
import { browserScheduler, type Scheduler, type TimerHandle } from './scheduler';
import { StreamState } from './stream';
import { resourceId, type SyncView } from './view';

export type { Batching };

export type SyncEngineOptions = {
  /** The stream's URL, e.g. `wss://octokube.example/api/v1/stream`. */
  readonly url: string;
  readonly socketFactory?: SocketFactory;
  readonly scheduler?: Scheduler;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /**
   * `frame` (the default) applies what arrived once per animation frame and notifies once;
   * `message` applies and notifies per message: the baseline the performance run measures.
   */
  readonly batching?: Batching;
  /** How long a resource nobody shows stays subscribed, so going back to it is instant. */
  readonly lingerMs?: number;
  /** How long to wait for a snapshot before asking again. */
  readonly resyncTimeoutMs?: number;
  readonly sessionValid?: () => Promise<boolean>;
  /** Where problems are reported for developers; the console by default. */
  readonly log?: (message: string) => void;
};

type Wanted = {
  readonly cluster: string;
  readonly resource: string;
  refs: number;
  linger: TimerHandle | null;
  /** A scheduled request after a refusal (retry, poll), and how many retries in a row. */
  retry: TimerHandle | null;
  retries: number;
};

/**
 * The browser's sync store: one WebSocket for every cluster and resource, a replica per
 * (cluster, resource) the IDE shows, and an immutable view published once per animation frame.
 *
 * Ordering rule: frames are applied in the order they arrived, all of them before anything the
 * connection reports next (a close drains the queue first), so a replica never sees frames of two
 * sockets interleaved.
 */
export class SyncEngine {
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly connection: StreamConnection;
  private readonly queue: FrameQueue<Decoded>;
  private readonly stream: StreamState;
  private readonly wanted = new Map<string, Wanted>();
  /** When each awaited snapshot was last asked for, for the watchdog. */
  private readonly requestedAt = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly log: (message: string) => void;
  private view: SyncView;
  private shapeChanged = false;
  private watchdog: TimerHandle | null = null;

  constructor(private readonly options: SyncEngineOptions) {
    this.scheduler = options.scheduler ?? browserScheduler;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? ((message) => console.warn(`octokube sync: ${message}`));
    this.stream = new StreamState(
      {
        send: (replica, op) => this.send(resourceId(replica.cluster, replica.resource), op),
        answered: (replica) => this.answered(resourceId(replica.cluster, replica.resource)),
        refused: (replica, refusal) => this.refused(resourceId(replica.cluster, replica.resource), refusal),
        greeted: () => this.greeted(),
        signedOut: () => this.connection.unauthenticated(),
        log: this.log,
      },
      this.scheduler.now(),
    );
    this.view = { connection: this.stream.connection, clusters: this.stream.clusters, resources: new Map() };
    this.queue = new FrameQueue<Decoded>(this.scheduler, options.batching ?? 'frame', (frames) => {
      this.stream.apply(frames, this.scheduler.now());
      this.publish();
    });
    this.connection = new StreamConnection(
      {
        url: options.url,
        socketFactory: options.socketFactory ?? browserSocketFactory,
        scheduler: this.scheduler,
        random: this.random,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.sessionValid ? { sessionValid: options.sessionValid } : {}),
      },
      {
        opened: () => {},
        frame: (data) => this.queue.push(typeof data === 'string' ? decodeServerMessage(data) : binaryFrame()),
        decoded: (frames) => frames.forEach((frame) => this.queue.push(frame)),
        closed: (code, reason) => {
          // Frames that arrived before the close belong to the old socket: apply them first.
          this.queue.drain();
          this.stream.setConnection({
            ready: false,
            lastError: `connection closed (${code}${reason ? `: ${reason}` : ''})`,
          });
          this.queue.touch();
        },
        stateChanged: (state) => {
          this.stream.setConnection({
            state,
            since: this.scheduler.now(),
            ...(state === 'open' ? {} : { ready: false }),
          });
          this.queue.touch();
        },
      },
    );
  }

  start(): void {
    this.connection.start();
    this.armWatchdog();
  }

  stop(): void {
    this.connection.stop();
    this.queue.cancel();
    if (this.watchdog !== null) {
      this.scheduler.clearTimeout(this.watchdog);
      this.watchdog = null;
    }
    for (const wanted of this.wanted.values()) {
      this.clearTimers(wanted);
    }
  }

  getView = (): SyncView => this.view;

  /**
   * `message` for the performance baseline, whose views the UI renders every one, as it did
   * before batching; `frame` otherwise.
   */
  get batching(): Batching {
    return this.options.batching ?? 'frame';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Holds a resource while something shows it; returns the release. The first holder subscribes,
   * and the subscription outlives the last release by `lingerMs`.
   */
  want(cluster: string, resource: string): () => void {
    const id = resourceId(cluster, resource);
    let wanted = this.wanted.get(id);
    if (wanted === undefined) {
      wanted = { cluster, resource, refs: 0, linger: null, retry: null, retries: 0 };
      this.wanted.set(id, wanted);
      this.stream.replicas.set(id, new ResourceReplica(cluster, resource));
      this.shapeChanged = true;
      this.subscribeNow(id, 'subscribe');
      this.queue.touch();
    }
    if (wanted.linger !== null) {
      this.scheduler.clearTimeout(wanted.linger);
      wanted.linger = null;
    }
    wanted.refs++;
    const held = wanted;
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      held.refs--;
      if (held.refs === 0) {
        held.linger = this.scheduler.setTimeout(() => this.drop(id), this.options.lingerMs ?? 15_000);
      }
    };
  }

  /** Asks again for a resource: a fresh snapshot, or a new subscription after a refusal. */
  resync(cluster: string, resource: string): void {
    const id = resourceId(cluster, resource);
    const replica = this.stream.replicas.get(id);
    if (replica !== undefined) {
      this.subscribeNow(id, replica.hasFailed ? 'subscribe' : 'resync');
      this.queue.touch();
    }
  }

  /** Reconnects now rather than at the end of the backoff (the browser came back online). */
  retryNow(): void {
    this.connection.retryNow();
  }

  /** The user asks to reconnect, also after the Backend ended the stream. */
  reconnect(): void {
    this.connection.reconnect();
  }

  private greeted(): void {
    this.connection.resetBackoff();
    for (const id of this.wanted.keys()) {
      this.subscribeNow(id, 'subscribe');
    }
  }

  private answered(id: string): void {
    this.requestedAt.delete(id);
    const wanted = this.wanted.get(id);
    if (wanted !== undefined) {
      wanted.retries = 0;
    }
  }

  /** Carries out a refusal's policy (refusals.ts) for one subscription. */
  private refused(id: string, refusal: Refusal): void {
    const wanted = this.wanted.get(id);
    if (wanted === undefined || refusal === 'fail') {
      return;
    }
    if (refusal === 'free') {
      const lingering = [...this.wanted].filter(([other, w]) => w.refs === 0 && other !== id);
      lingering.forEach(([other]) => this.drop(other));
      if (lingering.length > 0) {
        this.subscribeNow(id, 'subscribe');
      } else {
        this.stream.replicas.get(id)?.fail({
          code: 'too-many-subscriptions',
          message:
            'The Backend holds as many subscriptions as it allows for this connection. Close another view first.',
        });
      }
      return;
    }
    const delay =
      refusal === 'poll'
        ? POLL_MS
        : Math.max(1000, backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, wanted.retries++, this.random()));
    if (wanted.retry !== null) {
      this.scheduler.clearTimeout(wanted.retry);
    }
    // A poll sends without clearing the refusal, which stays on screen until a snapshot replaces it.
    wanted.retry = this.scheduler.setTimeout(() => {
      wanted.retry = null;
      if (refusal === 'poll') {
        this.send(id, 'subscribe');
      } else {
        this.subscribeNow(id, 'subscribe');
      }
      this.queue.touch();
    }, delay);
  }

  private subscribeNow(id: string, op: 'subscribe' | 'resync'): void {
    const replica = this.stream.replicas.get(id);
    if (replica === undefined || !this.stream.connection.ready) {
      return;
    }
    replica.resubscribing();
    if (!this.stream.clusters.has(replica.cluster)) {
      replica.fail({ code: 'unknown-cluster', message: `There is no cluster "${replica.cluster}" you may see.` });
      return;
    }
    this.send(id, op);
  }

  private send(id: string, op: ClientRequest['op']): void {
    const wanted = this.wanted.get(id);
    if (wanted === undefined) {
      return;
    }
    if (op !== 'unsubscribe') {
      this.requestedAt.set(id, this.scheduler.now());
    }
    this.connection.send(encodeClientRequest({ op, cluster: wanted.cluster, resource: wanted.resource }));
  }

  private drop(id: string): void {
    this.send(id, 'unsubscribe');
    const wanted = this.wanted.get(id);
    if (wanted !== undefined) {
      this.clearTimers(wanted);
    }
    this.wanted.delete(id);
    this.stream.replicas.delete(id);
    this.requestedAt.delete(id);
    this.shapeChanged = true;
    this.queue.touch();
  }

  private clearTimers(wanted: Wanted): void {
    for (const timer of [wanted.linger, wanted.retry]) {
      if (timer !== null) {
        this.scheduler.clearTimeout(timer);
      }
    }
    wanted.linger = null;
    wanted.retry = null;
  }

  /**
   * Asks again for snapshots that have not come within `resyncTimeoutMs`: a request or its answer
   * can be lost (a Backend restarting between the two), and an Agent's new epoch is announced
   * before its snapshots; the IDE must heal by itself either way. 15 s by default, because a
   * large snapshot legitimately takes seconds to arrive. A cluster whose Agent is away is not
   * asked: its snapshots follow when the Agent is back.
   */
  private armWatchdog(): void {
    const timeout = this.options.resyncTimeoutMs ?? 15_000;
    this.watchdog = this.scheduler.setTimeout(() => {
      const now = this.scheduler.now();
      for (const [id, replica] of this.stream.replicas) {
        if (!replica.isAwaitingSnapshot || replica.hasFailed || this.stream.isStale(replica.cluster)) {
          continue;
        }
        const askedAt = this.requestedAt.get(id);
        if (askedAt === undefined) {
          this.requestedAt.set(id, now);
        } else if (now - askedAt >= timeout && this.wanted.get(id)?.retry === null) {
          this.log(`no snapshot of ${replica.resource} in ${replica.cluster} after ${timeout} ms; asking again`);
          this.send(id, 'resync');
        }
      }
      this.armWatchdog();
    }, timeout / 3);
  }

  private publish(): void {
    const previous = this.view.resources;
    const resources = new Map<string, ResourceView>();
    let changed =
      this.shapeChanged ||
      this.view.connection !== this.stream.connection ||
      this.view.clusters !== this.stream.clusters;
    for (const [id, replica] of this.stream.replicas) {
      const view = replica.view(this.stream.isStale(replica.cluster));
      resources.set(id, view);
      changed ||= previous.get(id) !== view;
    }
    if (!changed) {
      return;
    }
    this.shapeChanged = false;
    this.view = { connection: this.stream.connection, clusters: this.stream.clusters, resources };
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (e) {
        // One broken subscriber must not keep the others from the new view.
        this.log(`a view listener failed: ${String(e)}`);
      }
    }
  }
}
