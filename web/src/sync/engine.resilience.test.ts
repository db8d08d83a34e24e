import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { ClientRequest, KubeObject } from './protocol';
import { ManualScheduler, MockSocket, pod, testSocketFactory } from './testing';
import { resourceId } from './view';

const E1 = 'epoch-one';
const E2 = 'epoch-two';

let scheduler: ManualScheduler;
let engine: SyncEngine;
let logged: string[];

function start(options: Partial<SyncEngineOptions> = {}): MockSocket {
  scheduler = new ManualScheduler();
  logged = [];
  engine = new SyncEngine({
    url: 'ws://ide.test/api/v1/stream',
    socketFactory: testSocketFactory(scheduler),
    scheduler,
    random: () => 0,
    backoff: { baseMs: 100, capMs: 1000 },
    log: (m) => logged.push(m),
    ...options,
  });
  engine.start();
  return MockSocket.last();
}

const cluster = (connected = true, epoch: string | null = E1) => ({
  cluster: 'c1',
  connected,
  epoch,
  version: 10,
  resources: ['pods', 'secrets'],
});
const hello = (clusters = [cluster()]) => ({ op: 'hello', user: 'alice', demo: true, clusters });
const snapshot = (version: number, items: KubeObject[], epoch = E1) => ({
  op: 'snapshot',
  cluster: 'c1',
  resource: 'pods',
  epoch,
  version,
  items,
});
const delta = (from: number, to: number, changes: object[] = [], epoch = E1) => ({
  op: 'delta',
  cluster: 'c1',
  epoch,
  from,
  to,
  changes,
});
const upsert = (object: KubeObject) => ({
  resource: 'pods',
  type: 'upsert',
  key: `${object.metadata.namespace}/${object.metadata.name}`,
  object,
});
const request = (op: ClientRequest['op'], resource = 'pods'): ClientRequest => ({ op, cluster: 'c1', resource });

function pods() {
  const view = engine.getView().resources.get(resourceId('c1', 'pods'));
  if (view === undefined) {
    throw new Error('pods are not held');
  }
  return view;
}

function connection() {
  return engine.getView().connection;
}

function live(socket: MockSocket, items = [pod('shop', 'a')]) {
  socket.serverAccepts();
  socket.serverSends(hello());
  socket.serverSends(snapshot(10, items));
  scheduler.frame();
  socket.clearSent();
}

beforeEach(() => MockSocket.reset());
afterEach(() => {
  engine.stop();
  MockSocket.reset();
});

describe('reconnecting', () => {
  it('keeps the data but shows it stale, never live, while the socket is down', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    socket.serverCloses(1006);
    scheduler.frame();

    expect(connection()).toMatchObject({ state: 'reconnecting', ready: false });
    expect(pods()).toMatchObject({ status: 'stale', version: 10 });
    expect(pods().objects.has('shop/a')).toBe(true);
  });

  it('reconnects with a growing, capped backoff', () => {
    const socket = start();
    socket.serverCloses(1006);
    expect(MockSocket.instances).toHaveLength(1);

    scheduler.advance(49);
    expect(MockSocket.instances).toHaveLength(1);
    scheduler.advance(1);
    expect(MockSocket.instances).toHaveLength(2);

    MockSocket.last().serverCloses(1006);
    scheduler.advance(100);
    expect(MockSocket.instances).toHaveLength(3);

    for (let i = 0; i < 10; i++) {
      MockSocket.last().serverCloses(1006);
      scheduler.advance(500);
    }
    expect(MockSocket.instances).toHaveLength(13);
    expect(socket.url).toBe(MockSocket.last().url);
  });

  it('resubscribes everything it holds after a reconnection and heals from the new snapshot', () => {
    const first = start();
    engine.want('c1', 'pods');
    engine.want('c1', 'secrets');
    live(first, [pod('shop', 'a'), pod('shop', 'gone')]);
    first.serverCloses(1001, 'going away');
    scheduler.advance(50);
    const second = MockSocket.last();

    second.serverAccepts();
    second.serverSends(hello());
    scheduler.frame();
    expect(second.requests).toEqual([request('subscribe'), request('subscribe', 'secrets')]);
    expect(pods().status).toBe('resyncing');
    expect(pods().objects.has('shop/gone')).toBe(true);

    second.serverSends(snapshot(30, [pod('shop', 'a'), pod('shop', 'new')]));
    scheduler.frame();

    expect([...pods().objects.keys()].sort()).toEqual(['shop/a', 'shop/new']);
    expect(pods()).toMatchObject({ status: 'live', version: 30 });
  });

  it('ignores what a closed socket still delivers after the close', () => {
    const first = start();
    engine.want('c1', 'pods');
    live(first);
    first.serverCloses(1006);
    first.serverSends(delta(11, 11, [upsert(pod('shop', 'ghost'))]));
    scheduler.frame();

    expect(pods().objects.has('shop/ghost')).toBe(false);
  });

  it('applies the frames that arrived before a close, then shows them stale', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);
    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'b'))]));
    socket.serverCloses(1006);
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'stale', version: 11 });
    expect(pods().objects.has('shop/b')).toBe(true);
  });

  it('drops requests made while disconnected and sends them on the next hello', () => {
    const first = start();
    first.serverCloses(1006);
    engine.want('c1', 'pods');
    scheduler.advance(50);
    const second = MockSocket.last();

    second.serverAccepts();
    second.serverSends(hello());
    scheduler.frame();

    expect(first.sent).toEqual([]);
    expect(second.requests).toEqual([request('subscribe')]);
  });

  it('abandons a handshake that hangs and tries again', () => {
    start();
    scheduler.advance(10_000);
    expect(MockSocket.instances[0]?.closedByClient).not.toBeNull();
    scheduler.advance(50);
    expect(MockSocket.instances).toHaveLength(2);
  });

  it('reconnects at once when asked, instead of waiting out the backoff', () => {
    const socket = start({ backoff: { baseMs: 60_000, capMs: 60_000 } });
    socket.serverCloses(1006);
    engine.retryNow();
    expect(MockSocket.instances).toHaveLength(2);
  });
});

describe('signing out', () => {
  it('stops reconnecting when the Backend closes for an ended session', () => {
    const socket = start();
    live(socket);
    socket.serverCloses(4001, 'unauthenticated');
    scheduler.advance(60_000);
    scheduler.frame();

    expect(MockSocket.instances).toHaveLength(1);
    expect(connection().state).toBe('unauthenticated');
  });

  it('stops on an unauthenticated error frame', () => {
    const socket = start();
    live(socket);
    socket.serverSends({ op: 'error', code: 'unauthenticated', message: 'session expired' });
    scheduler.frame();
    scheduler.advance(60_000);

    expect(connection().state).toBe('unauthenticated');
    expect(MockSocket.instances).toHaveLength(1);
    expect(socket.closedByClient).not.toBeNull();
  });

  it('stops when a refused handshake turns out to be a signed-out session', async () => {
    const socket = start({ sessionValid: () => Promise.resolve(false) });
    socket.serverCloses(1006);
    await Promise.resolve();
    scheduler.advance(60_000);
    scheduler.frame();

    expect(connection().state).toBe('unauthenticated');
    expect(MockSocket.instances).toHaveLength(1);
  });

  it('keeps retrying a refused handshake while the session is valid or cannot be checked', async () => {
    let check = Promise.resolve(true);
    const socket = start({ sessionValid: () => check });
    socket.serverCloses(1006);
    await Promise.resolve();
    scheduler.advance(50);
    expect(MockSocket.instances).toHaveLength(2);

    check = Promise.reject(new Error('Backend away'));
    MockSocket.last().serverCloses(1006);
    await check.catch(() => undefined);
    await Promise.resolve();
    scheduler.advance(100);
    scheduler.frame();

    expect(MockSocket.instances).toHaveLength(3);
    expect(connection().state).toBe('connecting');
  });
});

describe('refusals', () => {
  it('shows a forbidden subscription as forbidden and keeps none of its objects', () => {
    const socket = start();
    engine.want('c1', 'secrets');
    live(socket);

    socket.serverSends({
      op: 'error',
      code: 'forbidden',
      message: 'no rule grants secrets',
      cluster: 'c1',
      resource: 'secrets',
    });
    scheduler.frame();

    const secrets = engine.getView().resources.get(resourceId('c1', 'secrets'));
    expect(secrets).toMatchObject({
      status: 'forbidden',
      failure: { code: 'forbidden', message: 'no rule grants secrets' },
    });
  });

  it('drops the objects it held when access is withdrawn, and applies no further delta', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    socket.serverSends({
      op: 'error',
      code: 'no-access-now',
      message: 'window closed',
      cluster: 'c1',
      resource: 'pods',
    });
    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'b'))]));
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'forbidden' });
    expect(pods().objects.size).toBe(0);
    expect(socket.sent).toEqual([]);
  });

  it('subscribes again when the user retries a refused resource', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);
    socket.serverSends({ op: 'error', code: 'forbidden', message: 'no', cluster: 'c1', resource: 'pods' });
    scheduler.frame();

    engine.resync('c1', 'pods');
    scheduler.frame();

    expect(socket.requests).toEqual([request('subscribe')]);
    expect(pods().status).toBe('resyncing');
  });

  it('shows other refusals as an error of the resource, and connection-wide ones on the connection', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    socket.serverSends({
      op: 'error',
      code: 'unknown-resource',
      message: 'not served',
      cluster: 'c1',
      resource: 'pods',
    });
    socket.serverSends({ op: 'error', code: 'rate-limited', message: 'slow down' });
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'error', failure: { code: 'unknown-resource' } });
    expect(connection().lastError).toBe('rate-limited: slow down');
  });
});

describe('the cluster going away and coming back', () => {
  it("marks the cluster's resources stale while its Agent is away", () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: false, epoch: E1 });
    scheduler.frame();

    expect(engine.getView().clusters.get('c1')).toMatchObject({ connected: false, epoch: E1 });
    expect(pods()).toMatchObject({ status: 'stale', version: 10 });
    expect(pods().objects.size).toBe(1);
  });

  it('is live again when the Agent resumes the same epoch', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);
    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: false, epoch: E1 });
    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: true, epoch: E1 });
    socket.serverSends(delta(11, 12));
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'live', version: 12 });
    expect(socket.sent).toEqual([]);
  });

  it('resyncs after the Agent restarts with a new epoch, from the unasked snapshot', () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);
    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: false, epoch: E1 });
    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: true, epoch: E2 });
    socket.serverSends(delta(1, 1, [upsert(pod('shop', 'early'))], E2));
    scheduler.frame();
    expect(pods().status).toBe('resyncing');
    expect(engine.getView().clusters.get('c1')).toMatchObject({ epoch: E2, version: 1 });

    socket.serverSends(snapshot(1, [pod('shop', 'restarted')], E2));
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'live', epoch: E2, version: 1 });
    expect([...pods().objects.keys()]).toEqual(['shop/restarted']);
    expect(socket.sent).toEqual([]);
  });

  it('asks for the snapshot itself when the Backend does not send one in time', () => {
    const socket = start({ resyncTimeoutMs: 3000 });
    engine.want('c1', 'pods');
    live(socket);
    socket.serverSends({ op: 'cluster', cluster: 'c1', connected: true, epoch: E2 });
    scheduler.frame();

    scheduler.advance(2000);
    expect(socket.sent).toEqual([]);
    scheduler.advance(2000);

    expect(socket.requests).toEqual([request('resync')]);
  });

  it('asks again when a requested snapshot never comes', () => {
    const socket = start({ resyncTimeoutMs: 3000 });
    engine.want('c1', 'pods');
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();
    socket.clearSent();

    scheduler.advance(4000);

    expect(socket.requests).toEqual([request('resync')]);
    expect(logged.some((m) => m.includes('asking again'))).toBe(true);
  });

  it('learns of a cluster that appears after the hello', () => {
    const socket = start();
    live(socket);
    socket.serverSends({ op: 'cluster', cluster: 'c9', connected: true, epoch: E1 });
    scheduler.frame();

    expect(engine.getView().clusters.get('c9')).toMatchObject({ connected: true, epoch: E1 });
  });
});

describe('malformed frames', () => {
  const bad: [string, string | object][] = [
    ['text that is not JSON', '{"op":"delta",'],
    ['a JSON value that is not an object', '[1,2]'],
    ['an unknown op', { op: 'launch' }],
    ['a frame without op', { cluster: 'c1' }],
    ['a delta with from above to', delta(12, 11)],
    ['a delta with a version that is not an integer', delta(11, 11.5)],
    ['a change of an unknown type', delta(11, 11, [{ resource: 'pods', type: 'patch', key: 'a/b' }])],
    ['an upsert without metadata', delta(11, 11, [{ resource: 'pods', type: 'upsert', key: 'a/b', object: {} }])],
    ['a snapshot whose items are not a list', { ...snapshot(10, []), items: {} }],
    [
      'labels that are not strings',
      snapshot(10, [pod('a', 'b', { metadata: { name: 'b', labels: { x: 1 } } } as never)]),
    ],
    ['a hello without clusters', { op: 'hello', user: 'alice' }],
    ['a connected cluster without epoch', { op: 'cluster', cluster: 'c1', connected: true }],
  ];

  it.each(bad)('ignores %s without crashing and counts it', (_, frame) => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    expect(() => {
      socket.serverSends(frame);
      scheduler.frame();
    }).not.toThrow();

    expect(connection().malformedFrames).toBe(1);
    expect(connection().lastError).toMatch(/^malformed frame from the Backend/);
    expect(pods().objects.has('shop/a')).toBe(true);
  });

  it('ignores a binary frame', () => {
    const socket = start();
    live(socket);
    socket.serverSendsBinary();
    scheduler.frame();

    expect(connection()).toMatchObject({
      malformedFrames: 1,
      lastError: 'malformed frame from the Backend: binary frame',
    });
  });

  it("resyncs the cluster's resources after a malformed delta, which may have carried changes", () => {
    const socket = start();
    engine.want('c1', 'pods');
    live(socket);

    socket.serverSends(delta(11, 'eleven' as never));
    scheduler.frame();

    expect(socket.requests).toEqual([request('resync')]);
    expect(pods().status).toBe('resyncing');
  });

  it('marks a resource in error after a malformed snapshot and keeps working for the others', () => {
    const socket = start();
    engine.want('c1', 'pods');
    engine.want('c1', 'secrets');
    live(socket);

    socket.serverSends({ ...snapshot(11, []), items: [{ metadata: { namespace: 'x' } }] });
    socket.serverSends({ op: 'snapshot', cluster: 'c1', resource: 'secrets', epoch: E1, version: 11, items: [] });
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'error', failure: { code: 'malformed' } });
    expect(engine.getView().resources.get(resourceId('c1', 'secrets'))?.status).toBe('live');
  });

  it('keeps notifying the other listeners when one of them throws', () => {
    const socket = start();
    let calls = 0;
    engine.subscribe(() => {
      throw new Error('broken view');
    });
    engine.subscribe(() => calls++);
    live(socket);

    expect(calls).toBeGreaterThan(0);
    expect(logged.some((m) => m.includes('broken view'))).toBe(true);
  });
});
