import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { ClientRequest } from './protocol';
import { ManualScheduler, MockSocket, pod, testSocketFactory } from './testing';
import { resourceId } from './view';

// The close codes and error codes of docs/protocol.md, each doing what its table says.

const E1 = 'epoch-one';

let scheduler: ManualScheduler;
let engine: SyncEngine;

function start(options: Partial<SyncEngineOptions> = {}): MockSocket {
  scheduler = new ManualScheduler();
  engine = new SyncEngine({
    url: 'ws://ide.test/api/v1/stream',
    socketFactory: testSocketFactory(scheduler),
    scheduler,
    random: () => 0.5,
    log: () => {},
    lingerMs: 60_000,
    ...options,
  });
  engine.start();
  return MockSocket.last();
}

const hello = {
  op: 'hello',
  user: 'alice',
  clusters: [{ cluster: 'c1', connected: true, epoch: E1, version: 1, resources: ['pods', 'secrets', 'events'] }],
};
const snapshot = (resource = 'pods') => ({
  op: 'snapshot',
  cluster: 'c1',
  resource,
  epoch: E1,
  version: 1,
  items: [pod('a', 'b')],
});
const refusal = (code: string, resource = 'pods') => ({
  op: 'error',
  code,
  message: `${code} says the Backend`,
  cluster: 'c1',
  resource,
});
const request = (op: ClientRequest['op'], resource = 'pods'): ClientRequest => ({ op, cluster: 'c1', resource });

function live(socket: MockSocket): void {
  engine.want('c1', 'pods');
  socket.serverAccepts();
  socket.serverSends(hello);
  socket.serverSends(snapshot());
  scheduler.frame();
  socket.clearSent();
}

const pods = () => engine.getView().resources.get(resourceId('c1', 'pods'));
const state = () => engine.getView().connection.state;

beforeEach(() => MockSocket.reset());
afterEach(() => {
  engine.stop();
  MockSocket.reset();
});

describe('close codes', () => {
  it.each([1000, 1008, 1009])('does not reconnect after %i until the user asks', (code) => {
    const socket = start();
    live(socket);
    socket.serverCloses(code, 'bye');
    scheduler.advance(120_000);
    scheduler.frame();

    expect(MockSocket.instances).toHaveLength(1);
    expect(state()).toBe('ended');
    expect(pods()?.status).toBe('stale');

    engine.retryNow();
    expect(MockSocket.instances).toHaveLength(1);
    engine.reconnect();
    expect(MockSocket.instances).toHaveLength(2);
  });

  it('reads a normal close as signed out when the session is gone', async () => {
    const socket = start({ sessionValid: () => Promise.resolve(false) });
    live(socket);
    socket.serverCloses(1000);
    await Promise.resolve();
    scheduler.frame();

    expect(state()).toBe('unauthenticated');
  });

  it.each([1001, 1011, 1006])('reconnects with backoff after %i', (code) => {
    const socket = start();
    live(socket);
    socket.serverCloses(code);
    scheduler.advance(999);
    expect(MockSocket.instances).toHaveLength(1);
    scheduler.advance(1);
    expect(MockSocket.instances).toHaveLength(2);
  });

  it('reconnects at once after 4008, then resubscribes and resyncs', () => {
    const socket = start();
    live(socket);
    socket.serverCloses(4008, 'slow consumer');
    scheduler.advance(0);
    const next = MockSocket.last();
    next.serverAccepts();
    next.serverSends(hello);
    scheduler.frame();

    expect(MockSocket.instances).toHaveLength(2);
    expect(next.requests).toEqual([request('subscribe')]);
    expect(pods()?.status).toBe('resyncing');
  });

  it('waits at least ten seconds after 4029', () => {
    const socket = start();
    live(socket);
    socket.serverCloses(4029, 'rate limited');
    scheduler.advance(9_999);
    expect(MockSocket.instances).toHaveLength(1);
    scheduler.advance(1);
    expect(MockSocket.instances).toHaveLength(2);
  });
});

describe('error codes', () => {
  it('retries a rate-limited request after at least a second, staying resyncing meanwhile', () => {
    const socket = start();
    live(socket);
    socket.serverSends(refusal('rate-limited'));
    scheduler.frame();
    expect(pods()?.status).toBe('resyncing');

    scheduler.advance(999);
    expect(socket.sent).toEqual([]);
    scheduler.advance(1);
    expect(socket.requests).toEqual([request('subscribe')]);
  });

  it('retries after an internal failure with a growing backoff, reset by a snapshot', () => {
    const socket = start();
    live(socket);
    socket.serverSends(refusal('internal'));
    scheduler.frame();
    scheduler.advance(1000);
    socket.serverSends(refusal('internal'));
    scheduler.frame();
    socket.clearSent();
    scheduler.advance(1999);
    expect(socket.sent).toEqual([]);
    scheduler.advance(1);
    expect(socket.requests).toEqual([request('subscribe')]);

    socket.serverSends(snapshot());
    socket.serverSends(refusal('internal'));
    scheduler.frame();
    socket.clearSent();
    scheduler.advance(1000);
    expect(socket.requests).toEqual([request('subscribe')]);
  });

  it('shows no-access-now as forbidden and asks again every minute until access opens', () => {
    const socket = start();
    live(socket);
    socket.serverSends(refusal('no-access-now'));
    scheduler.frame();
    expect(pods()).toMatchObject({ status: 'forbidden', failure: { code: 'no-access-now' } });

    scheduler.advance(60_000);
    scheduler.frame();
    expect(socket.requests).toEqual([request('subscribe')]);
    expect(pods()?.status).toBe('forbidden');

    socket.serverSends(snapshot());
    scheduler.frame();
    expect(pods()?.status).toBe('live');
  });

  it('lets go of lingering subscriptions when the Backend holds too many, then asks again', () => {
    const socket = start();
    live(socket);
    engine.want('c1', 'events')();
    engine.want('c1', 'secrets');
    socket.clearSent();

    socket.serverSends(refusal('too-many-subscriptions', 'secrets'));
    scheduler.frame();

    expect(socket.requests).toEqual([request('unsubscribe', 'events'), request('subscribe', 'secrets')]);
    expect(engine.getView().resources.has(resourceId('c1', 'events'))).toBe(false);
  });

  it('shows too-many-subscriptions as an error when nothing lingers', () => {
    const socket = start();
    live(socket);
    socket.serverSends(refusal('too-many-subscriptions'));
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'error', failure: { code: 'too-many-subscriptions' } });
    expect(socket.sent).toEqual([]);
  });

  it.each(['unknown-resource', 'unknown-cluster', 'forbidden'])('stops asking after %s', (code) => {
    const socket = start();
    live(socket);
    socket.serverSends(refusal(code));
    scheduler.frame();
    scheduler.advance(600_000);

    expect(socket.sent).toEqual([]);
  });

  it('fails every resource of a cluster on an error that names only the cluster', () => {
    const socket = start();
    live(socket);
    socket.serverSends({ op: 'error', code: 'unknown-cluster', message: 'gone', cluster: 'c1' });
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'error', failure: { code: 'unknown-cluster' } });
  });

  it('reads a null optional field as absent', () => {
    const socket = start();
    engine.want('c1', 'pods');
    socket.serverAccepts();
    socket.serverSends({ ...hello, demo: null });
    socket.serverSends({ op: 'error', code: 'rate-limited', message: 'm', cluster: null, resource: null });
    scheduler.frame();

    expect(engine.getView().connection).toMatchObject({ ready: true, demo: false, malformedFrames: 0 });
  });
});
