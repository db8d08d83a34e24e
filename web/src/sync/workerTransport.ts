import type { Socket, SocketFactory, SocketHandlers } from './connection';
import type { Decoded } from './protocol';
import { binaryFrame, decodeServerMessage } from './protocol';
import type { Scheduler, TimerHandle } from './scheduler';

/**
 * The WebSocket moved off the main thread. A dedicated worker owns the socket, receives and
 * decodes every frame there, and hands the main thread what arrived as one batch per animation
 * frame: at 2,000 frames a second the main thread handles 60 messages instead of 2,000, and parses
 * none. The worker is transport only: it decides nothing about the frames (the client rule, the
 * ordering rule and every state stay in the engine, on the main thread).
 *
 * Flow control: at most one batch is in flight. The worker posts a batch as soon as frames are
 * waiting and the previous batch was acknowledged; the main thread acknowledges in its next
 * animation frame (or after a second, for a hidden tab that gets no frames). A busy main thread
 * thus gets fewer, larger batches rather than a growing queue of messages.
 *
 * This module holds both ends (the messages, the worker's host and the main thread's socket
 * factory) so that tests run the pair in one process without a Worker.
 */

/** From the main thread to the worker. Socket ids are chosen by the main thread. */
export type ToWorker =
  | { readonly t: 'open'; readonly id: number; readonly url: string }
  | { readonly t: 'send'; readonly id: number; readonly data: string }
  | { readonly t: 'close'; readonly id: number; readonly code?: number; readonly reason?: string }
  | { readonly t: 'ack' };

/** From the worker to the main thread, in the order things happened on the sockets. */
export type FromWorker =
  | { readonly t: 'open'; readonly id: number }
  | { readonly t: 'frames'; readonly id: number; readonly frames: readonly Decoded[] }
  | { readonly t: 'close'; readonly id: number; readonly code: number; readonly reason: string };

/** The part of a browser WebSocket the host uses. */
export type HostSocket = {
  binaryType: string;
  onopen: (() => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

/** The worker's side: owns the sockets, decodes frames, batches them under flow control. */
export class StreamHost {
  private readonly sockets = new Map<number, HostSocket>();
  /** Decoded frames not yet posted, all of socket `queuedId`. */
  private queued: Decoded[] = [];
  private queuedId = -1;
  private inFlight = false;

  /**
   * `flowControl: false` posts every frame at once, as it comes: for tests that drive the engine
   * through the worker and expect what the Backend sent before a frame to be applied in it.
   */
  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly openSocket: (url: string) => HostSocket,
    private readonly flowControl = true,
  ) {}

  receive(message: ToWorker): void {
    switch (message.t) {
      case 'open':
        this.open(message.id, message.url);
        break;
      case 'send':
        this.sockets.get(message.id)?.send(message.data);
        break;
      case 'close': {
        const socket = this.sockets.get(message.id);
        this.sockets.delete(message.id);
        socket?.close(message.code, message.reason);
        break;
      }
      case 'ack':
        this.inFlight = false;
        this.flush();
        break;
    }
  }

  private open(id: number, url: string): void {
    let socket: HostSocket;
    try {
      socket = this.openSocket(url);
    } catch (e) {
      // As the main thread's `new WebSocket` would: a bad URL fails the attempt, not the worker.
      this.post({ t: 'close', id, code: 1006, reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.sockets.set(id, socket);
    socket.onopen = () => {
      this.flush(true);
      this.post({ t: 'open', id });
    };
    socket.onmessage = (event) => {
      const decoded = typeof event.data === 'string' ? decodeServerMessage(event.data) : binaryFrame();
      if (id !== this.queuedId) {
        this.flush(true);
        this.queuedId = id;
      }
      this.queued.push(decoded);
      this.flush();
    };
    socket.onclose = (event) => {
      this.sockets.delete(id);
      // Frames that came before the close go first: the engine drains them before it closes.
      this.flush(true);
      this.post({ t: 'close', id, code: event.code, reason: event.reason });
    };
  }

  /** Posts the queued frames if no batch is in flight, or anyway when something must follow them. */
  private flush(force = false): void {
    if (this.queued.length === 0 || (this.inFlight && !force && this.flowControl)) {
      return;
    }
    const frames = this.queued;
    this.queued = [];
    this.inFlight = true;
    this.post({ t: 'frames', id: this.queuedId, frames });
  }
}

/** The part of a `Worker` the main thread uses; tests pass an in-process double. */
export type WorkerLike = {
  postMessage(message: ToWorker): void;
  onmessage: ((event: { readonly data: FromWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
};

export type WorkerSocketOptions = {
  /** Starts the worker; called once, on the first socket. May throw (no Worker support). */
  readonly createWorker: () => WorkerLike;
  readonly scheduler: Scheduler;
  /** Used when the worker cannot start or has failed: the socket on the main thread. */
  readonly fallback: SocketFactory;
  /** Wait at most this long for an animation frame before acknowledging a batch. */
  readonly ackFallbackMs?: number;
  readonly log?: (message: string) => void;
};

/**
 * Sockets whose WebSocket lives in a worker (see above). If the worker cannot be started, or
 * fails later, every socket from then on is a main-thread socket from `fallback`; a socket open
 * when the worker fails is closed with 1006, so the connection reconnects as after a network drop.
 */
export function workerSocketFactory(options: WorkerSocketOptions): SocketFactory {
  let worker: WorkerLike | null = null;
  let failed = false;
  let nextId = 1;
  const live = new Map<number, SocketHandlers>();
  let ackFrame: TimerHandle | null = null;
  let ackTimer: TimerHandle | null = null;
  const { scheduler } = options;

  const ack = () => {
    if (ackFrame !== null) {
      scheduler.cancelFrame(ackFrame);
      ackFrame = null;
    }
    if (ackTimer !== null) {
      scheduler.clearTimeout(ackTimer);
      ackTimer = null;
    }
    worker?.postMessage({ t: 'ack' });
  };

  const fail = (why: string) => {
    options.log?.(`the stream worker failed (${why}); using a socket on the main thread`);
    failed = true;
    const sockets = [...live.values()];
    live.clear();
    worker?.terminate();
    worker = null;
    sockets.forEach((handlers) => handlers.onClose(1006, 'stream worker failed'));
  };

  const start = (): WorkerLike | null => {
    if (worker !== null || failed) {
      return worker;
    }
    try {
      worker = options.createWorker();
    } catch (e) {
      options.log?.(`no stream worker (${String(e)}); using a socket on the main thread`);
      failed = true;
      return null;
    }
    worker.onerror = (event) => {
      const message = (event as { message?: unknown } | null)?.message;
      fail(typeof message === 'string' ? message : 'error event');
    };
    worker.onmessage = ({ data }) => {
      const handlers = live.get(data.id);
      switch (data.t) {
        case 'open':
          handlers?.onOpen();
          break;
        case 'frames':
          // Acknowledged in the next animation frame, the one in which the engine applies it:
          // the next batch then arrives after that frame, for the one after.
          if (ackFrame === null) {
            ackFrame = scheduler.requestFrame(ack);
            ackTimer = scheduler.setTimeout(ack, options.ackFallbackMs ?? 1000);
          }
          handlers?.onDecoded(data.frames);
          break;
        case 'close':
          live.delete(data.id);
          handlers?.onClose(data.code, data.reason);
          break;
      }
    };
    return worker;
  };

  return (url, handlers): Socket => {
    const host = start();
    if (host === null) {
      return options.fallback(url, handlers);
    }
    const id = nextId++;
    live.set(id, handlers);
    host.postMessage({ t: 'open', id, url });
    return {
      send: (data) => worker?.postMessage({ t: 'send', id, data }),
      close: (code, reason) => {
        live.delete(id);
        worker?.postMessage({
          t: 'close',
          id,
          ...(code !== undefined ? { code } : {}),
          ...(reason !== undefined ? { reason } : {}),
        });
      },
    };
  };
}
