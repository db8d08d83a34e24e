import { afterEach, describe, expect, it } from 'vitest';
import type { SocketHandlers } from './connection';
import { SyncEngine } from './engine';
import { InProcessWorker, ManualScheduler, MockSocket } from './testing';
import { StreamHost, workerSocketFactory, type FromWorker, type HostSocket } from './workerTransport';

class FakeWebSocket implements HostSocket {
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null = null;
  readonly sent: string[] = [];
  closed: { code: number | undefined; reason: string | undefined } | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  receive(frame: object | ArrayBuffer): void {
    this.onmessage?.({ data: frame instanceof ArrayBuffer ? frame : JSON.stringify(frame) });
  }
}

function host() {
  const posted: FromWorker[] = [];
  const sockets: FakeWebSocket[] = [];
  const streamHost = new StreamHost(
    (m) => posted.push(m),
    (url) => {
      const socket = new FakeWebSocket(url);
      sockets.push(socket);
      return socket;
    },
  );
  return { streamHost, posted, sockets };
}

const cluster = (n: number) => ({ op: 'cluster', cluster: `c${n}`, connected: false });
const decoded = (n: number) => ({
  ok: true,
  message: { op: 'cluster', cluster: `c${n}`, connected: false, epoch: null },
});

describe('the stream worker', () => {
  it('posts the first frame at once and holds the next ones until the batch is acknowledged', () => {
    const { streamHost, posted, sockets } = host();
    streamHost.receive({ t: 'open', id: 1, url: 'ws://x/api/v1/stream' });
    const socket = sockets[0]!;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.onopen?.();
    socket.receive(cluster(1));
    socket.receive(cluster(2));
    socket.receive(cluster(3));

    expect(posted).toEqual([
      { t: 'open', id: 1 },
      { t: 'frames', id: 1, frames: [decoded(1)] },
    ]);

    streamHost.receive({ t: 'ack' });
    streamHost.receive({ t: 'ack' });

    expect(posted.slice(2)).toEqual([{ t: 'frames', id: 1, frames: [decoded(2), decoded(3)] }]);
  });

  it('posts what came before a close ahead of it, even with a batch in flight', () => {
    const { streamHost, posted, sockets } = host();
    streamHost.receive({ t: 'open', id: 7, url: 'ws://x' });
    const socket = sockets[0]!;
    socket.receive(cluster(1));
    socket.receive(cluster(2));
    socket.onclose?.({ code: 1001, reason: 'going away' });

    expect(posted).toEqual([
      { t: 'frames', id: 7, frames: [decoded(1)] },
      { t: 'frames', id: 7, frames: [decoded(2)] },
      { t: 'close', id: 7, code: 1001, reason: 'going away' },
    ]);
  });

  it('decodes in the worker: unreadable and binary frames arrive as failures, never as data', () => {
    const { streamHost, posted, sockets } = host();
    streamHost.receive({ t: 'open', id: 1, url: 'ws://x' });
    sockets[0]!.onmessage?.({ data: '{not json' });
    streamHost.receive({ t: 'ack' });
    sockets[0]!.receive(new Uint8Array([1]).buffer);

    expect(posted).toEqual([
      { t: 'frames', id: 1, frames: [{ ok: false, reason: 'not JSON', op: null, cluster: null, resource: null }] },
      { t: 'frames', id: 1, frames: [{ ok: false, reason: 'binary frame', op: null, cluster: null, resource: null }] },
    ]);
  });

  it('sends and closes on the socket the main thread names, and keeps frames of two sockets apart', () => {
    const { streamHost, posted, sockets } = host();
    streamHost.receive({ t: 'open', id: 1, url: 'ws://x' });
    streamHost.receive({ t: 'send', id: 1, data: 'hi' });
    sockets[0]!.receive(cluster(1));
    streamHost.receive({ t: 'close', id: 1, code: 1000, reason: 'bye' });
    streamHost.receive({ t: 'send', id: 1, data: 'lost' });
    streamHost.receive({ t: 'open', id: 2, url: 'ws://x' });
    sockets[1]!.receive(cluster(2));
    streamHost.receive({ t: 'ack' });

    expect(sockets[0]!.sent).toEqual(['hi']);
    expect(sockets[0]!.closed).toEqual({ code: 1000, reason: 'bye' });
    expect(posted).toEqual([
      { t: 'frames', id: 1, frames: [decoded(1)] },
      { t: 'frames', id: 2, frames: [decoded(2)] },
    ]);
  });

  it('reports a socket it cannot open as closed, as a failed handshake', () => {
    const posted: FromWorker[] = [];
    const streamHost = new StreamHost(
      (m) => posted.push(m),
      () => {
        throw new SyntaxError('bad URL');
      },
    );
    streamHost.receive({ t: 'open', id: 3, url: 'nonsense' });

    expect(posted).toEqual([{ t: 'close', id: 3, code: 1006, reason: 'bad URL' }]);
  });
});

function handlers(log: string[]): SocketHandlers {
  return {
    onOpen: () => log.push('open'),
    onMessage: (data) => log.push(`message ${String(data)}`),
    onDecoded: (frames) => log.push(`decoded ${frames.length}`),
    onClose: (code, reason) => log.push(`close ${code} ${reason}`),
  };
}

afterEach(() => MockSocket.reset());

describe('sockets in the stream worker', () => {
  it('acknowledges a batch in the next animation frame, so the worker posts once a frame', () => {
    const scheduler = new ManualScheduler();
    const worker = new InProcessWorker(true);
    const factory = workerSocketFactory({ createWorker: () => worker, scheduler, fallback: MockSocket.factory });
    const log: string[] = [];
    factory('ws://x', handlers(log));
    const socket = MockSocket.last();
    socket.serverAccepts();
    socket.serverSends(cluster(1));
    socket.serverSends(cluster(2));
    socket.serverSends(cluster(3));
    expect(log).toEqual(['open', 'decoded 1']);

    scheduler.frame();
    expect(log).toEqual(['open', 'decoded 1', 'decoded 2']);
    scheduler.frame();
    scheduler.frame();
    expect(worker.received.filter((m) => m.t === 'ack')).toHaveLength(2);
  });

  it('acknowledges on a timer when no animation frame comes, as in a hidden tab', () => {
    const scheduler = new ManualScheduler();
    const worker = new InProcessWorker(true);
    const factory = workerSocketFactory({ createWorker: () => worker, scheduler, fallback: MockSocket.factory });
    const log: string[] = [];
    factory('ws://x', handlers(log));
    MockSocket.last().serverSends(cluster(1));
    MockSocket.last().serverSends(cluster(2));
    scheduler.advance(1000);

    expect(log).toEqual(['decoded 1', 'decoded 1']);
  });

  it('uses a main-thread socket when no worker can be started', () => {
    const scheduler = new ManualScheduler();
    const logged: string[] = [];
    const factory = workerSocketFactory({
      createWorker: () => {
        throw new ReferenceError('Worker is not defined');
      },
      scheduler,
      fallback: MockSocket.factory,
      log: (m) => logged.push(m),
    });
    const log: string[] = [];
    factory('ws://x', handlers(log));
    MockSocket.last().serverSends('raw');

    expect(log).toEqual(['message raw']);
    expect(logged).toHaveLength(1);
  });

  it('closes its sockets when the worker fails, and the engine reconnects on the main thread', () => {
    const scheduler = new ManualScheduler();
    const worker = new InProcessWorker();
    const engine = new SyncEngine({
      url: 'ws://x',
      socketFactory: workerSocketFactory({ createWorker: () => worker, scheduler, fallback: MockSocket.factory }),
      scheduler,
      random: () => 0,
      log: () => {},
    });
    engine.start();
    MockSocket.last().serverAccepts();
    MockSocket.last().serverSends({ op: 'hello', user: 'alice', clusters: [] });
    scheduler.frame();
    expect(engine.getView().connection).toMatchObject({ state: 'open', ready: true });

    worker.crash();
    scheduler.frame();
    expect(engine.getView().connection).toMatchObject({ state: 'reconnecting', ready: false });
    expect(worker.terminated).toBe(true);

    while (MockSocket.instances.length < 2) {
      scheduler.advance(100);
    }
    const second = MockSocket.last();
    second.serverAccepts();
    second.serverSends({ op: 'hello', user: 'alice', clusters: [] });
    scheduler.frame();
    expect(worker.received.filter((m) => m.t === 'open')).toHaveLength(1);
    expect(engine.getView().connection).toMatchObject({ state: 'open', ready: true });
    engine.stop();
  });
});
