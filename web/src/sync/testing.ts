/**
 * Test doubles for the sync engine: a mock WebSocket playing the Backend's side, and a scheduler
 * whose clock, timers and animation frames only move when a test says so. Used by tests only.
 */
import type { Socket, SocketFactory, SocketHandlers } from './connection';
import type { ClientRequest, KubeObject } from './protocol';
import type { Scheduler, TimerHandle } from './scheduler';
import {
  StreamHost,
  workerSocketFactory,
  type FromWorker,
  type HostSocket,
  type ToWorker,
  type WorkerLike,
} from './workerTransport';

export class MockSocket implements Socket {
  static instances: MockSocket[] = [];

  readonly sent: string[] = [];
  closedByClient: { code: number | undefined; reason: string | undefined } | null = null;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  static readonly factory: SocketFactory = (url, handlers) => {
    const socket = new MockSocket(url, handlers);
    MockSocket.instances.push(socket);
    return socket;
  };

  /** Forgets every socket; call after each test. */
  static reset(): void {
    MockSocket.instances = [];
  }

  static last(): MockSocket {
    const socket = MockSocket.instances.at(-1);
    if (socket === undefined) {
      throw new Error('no socket was opened');
    }
    return socket;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
  }

  /** The requests the client sent, decoded. */
  get requests(): ClientRequest[] {
    return this.sent.map((s) => JSON.parse(s) as ClientRequest);
  }

  /** Forgets the requests seen so far, so a test can assert on what comes next. */
  clearSent(): void {
    this.sent.length = 0;
  }

  serverAccepts(): void {
    this.handlers.onOpen();
  }

  /** Sends a frame to the client: an object is encoded as JSON, a string goes as it is. */
  serverSends(frame: object | string): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  serverSendsBinary(): void {
    this.handlers.onMessage(new Uint8Array([1, 2, 3]).buffer);
  }

  serverCloses(code = 1006, reason = ''): void {
    this.handlers.onClose(code, reason);
  }
}

type Timer = { id: number; at: number; callback: () => void };

export class ManualScheduler implements Scheduler {
  private clock = 1_000_000;
  private nextId = 1;
  private timers: Timer[] = [];
  private frames = new Map<number, () => void>();

  now(): number {
    return this.clock;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.clock + ms, callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  requestFrame(callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.frames.set(id, callback);
    return id;
  }

  cancelFrame(handle: TimerHandle): void {
    this.frames.delete(handle as number);
  }

  get pendingFrames(): number {
    return this.frames.size;
  }

  /** Runs the callbacks of one animation frame. */
  frame(): void {
    const callbacks = [...this.frames.values()];
    this.frames.clear();
    for (const callback of callbacks) {
      callback();
    }
  }

  /** Moves the clock, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.clock + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== due);
      this.clock = due.at;
      due.callback();
    }
    this.clock = end;
  }
}

/** A pod projection as the Agent writes it, with just what tests look at. */
export function pod(namespace: string, name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    ...extra,
    metadata: { name, namespace, ...(extra.metadata ?? {}) },
  };
}

/**
 * The stream worker run in-process: a `StreamHost` over `MockSocket`s, so tests drive the Backend
 * side exactly as with the main-thread transport. Messages are structured-cloned both ways, as
 * `postMessage` would, but delivered at once, and without flow control unless asked: a frame
 * the Backend sent before `scheduler.frame()` is then applied in that frame, as on the main
 * thread (the worker's own tests cover flow control).
 */
export class InProcessWorker implements WorkerLike {
  onmessage: ((event: { readonly data: FromWorker }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  terminated = false;
  readonly received: ToWorker[] = [];
  private readonly host: StreamHost;

  constructor(flowControl = false) {
    this.host = new StreamHost(
      (message) => {
        if (!this.terminated) {
          this.onmessage?.({ data: structuredClone(message) });
        }
      },
      (url) => mockHostSocket(url),
      flowControl,
    );
  }

  postMessage(message: ToWorker): void {
    if (!this.terminated) {
      this.received.push(message);
      this.host.receive(structuredClone(message));
    }
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The worker dies as on an uncaught error. */
  crash(): void {
    this.onerror?.({ message: 'crashed' });
  }
}

/** A `MockSocket` (in `MockSocket.instances`) seen through the WebSocket interface the host uses. */
function mockHostSocket(url: string): HostSocket {
  const socket: HostSocket = {
    binaryType: 'blob',
    onopen: null,
    onmessage: null,
    onclose: null,
    send: (data) => mock.send(data),
    close: (code, reason) => mock.close(code, reason),
  };
  const mock = MockSocket.factory(url, {
    onOpen: () => socket.onopen?.(),
    onMessage: (data) => socket.onmessage?.({ data }),
    onDecoded: () => {
      throw new Error('a WebSocket delivers raw frames');
    },
    onClose: (code, reason) => socket.onclose?.({ code, reason }),
  });
  return socket;
}

let transport: 'main' | 'worker' = 'main';

/** From now on, `testSocketFactory` puts the sockets of this test file behind the stream worker. */
export function useWorkerTransport(): void {
  transport = 'worker';
}

export function viaWorker(): boolean {
  return transport === 'worker';
}

/** The socket factory engine tests use: `MockSocket`s, directly or through an in-process worker. */
export function testSocketFactory(scheduler: Scheduler): SocketFactory {
  if (transport === 'main') {
    return MockSocket.factory;
  }
  return workerSocketFactory({
    createWorker: () => new InProcessWorker(),
    scheduler,
    fallback: MockSocket.factory,
  });
}
