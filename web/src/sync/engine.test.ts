import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { ClientRequest, KubeObject } from './protocol';
import { ManualScheduler, MockSocket, pod, testSocketFactory, viaWorker } from './testing';
import { resourceId, type SyncView } from './view';

const E1 = 'epoch-one';
const E2 = 'epoch-two';

let scheduler: ManualScheduler;
let engine: SyncEngine;
let views: SyncView[];
let logged: string[];

function start(options: Partial<SyncEngineOptions> = {}): MockSocket {
  scheduler = new ManualScheduler();
  logged = [];
  engine = new SyncEngine({
    url: 'ws://ide.test/api/v1/stream',
    socketFactory: testSocketFactory(scheduler),
    scheduler,
    random: () => 0.5,
    log: (m) => logged.push(m),
    ...options,
  });
  views = [];
  engine.subscribe(() => views.push(engine.getView()));
  engine.start();
  return MockSocket.last();
}

function hello(clusters = [{ cluster: 'c1', connected: true, epoch: E1, version: 10, resources: ['pods', 'events'] }]) {
  return { op: 'hello', user: 'alice', clusters };
}

function snapshot(version: number, items: KubeObject[], epoch = E1, resource = 'pods', cluster = 'c1') {
  return { op: 'snapshot', cluster, resource, epoch, version, items };
}

function upsert(object: KubeObject, resource = 'pods') {
  return { resource, type: 'upsert', key: `${object.metadata.namespace}/${object.metadata.name}`, object };
}

function remove(key: string, resource = 'pods') {
  return { resource, type: 'delete', key };
}

function delta(from: number, to: number, changes: object[] = [], epoch = E1, cluster = 'c1') {
  return { op: 'delta', cluster, epoch, from, to, changes };
}

function pods(cluster = 'c1') {
  const view = engine.getView().resources.get(resourceId(cluster, 'pods'));
  if (view === undefined) {
    throw new Error('pods are not held');
  }
  return view;
}

function names(cluster = 'c1'): string[] {
  return [...pods(cluster).objects.keys()].sort();
}

/** Opens the socket, says hello, holds pods and answers with a snapshot at version 10. */
function liveWithPods(socket: MockSocket, items = [pod('shop', 'a'), pod('shop', 'b')]) {
  engine.want('c1', 'pods');
  socket.serverAccepts();
  socket.serverSends(hello());
  socket.serverSends(snapshot(10, items));
  scheduler.frame();
  socket.clearSent();
}

const request = (op: ClientRequest['op'], resource = 'pods', cluster = 'c1'): ClientRequest => ({
  op,
  cluster,
  resource,
});

beforeEach(() => MockSocket.reset());
afterEach(() => {
  engine.stop();
  MockSocket.reset();
});

describe('subscribing', () => {
  it('opens one socket on the stream URL and subscribes after the hello', () => {
    const socket = start();
    engine.want('c1', 'pods');
    engine.want('c1', 'events');
    expect(socket.url).toBe('ws://ide.test/api/v1/stream');
    socket.serverAccepts();
    expect(socket.sent).toEqual([]);

    socket.serverSends(hello());
    scheduler.frame();

    expect(MockSocket.instances).toHaveLength(1);
    expect(socket.requests).toEqual([request('subscribe'), request('subscribe', 'events')]);
  });

  it('subscribes at once when the stream is already ready', () => {
    const socket = start();
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();

    engine.want('c1', 'pods');

    expect(socket.requests).toEqual([request('subscribe')]);
  });

  it('shows a resource as resyncing until its first snapshot, then live', () => {
    const socket = start();
    engine.want('c1', 'pods');
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();
    expect(pods().status).toBe('resyncing');
    expect(pods().epoch).toBeNull();

    socket.serverSends(snapshot(10, [pod('shop', 'a')]));
    scheduler.frame();

    expect(pods()).toMatchObject({ status: 'live', epoch: E1, version: 10, lastResyncAt: scheduler.now() });
    expect(names()).toEqual(['shop/a']);
  });

  it('holds a subscription shared by two views until both release it and the linger ends', () => {
    const socket = start({ lingerMs: 1000 });
    const releaseA = engine.want('c1', 'pods');
    const releaseB = engine.want('c1', 'pods');
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();
    socket.clearSent();

    releaseA();
    releaseA();
    releaseB();
    scheduler.advance(999);
    expect(socket.sent).toEqual([]);
    scheduler.advance(1);
    scheduler.frame();

    expect(socket.requests).toEqual([request('unsubscribe')]);
    expect(engine.getView().resources.has(resourceId('c1', 'pods'))).toBe(false);
  });

  it('keeps a lingering subscription when it is wanted again', () => {
    const socket = start({ lingerMs: 1000 });
    engine.want('c1', 'pods')();
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();
    socket.clearSent();

    engine.want('c1', 'pods');
    scheduler.advance(5000);

    expect(socket.sent).toEqual([]);
  });

  it('fails a resource of a cluster the hello does not list, without asking the Backend', () => {
    const socket = start();
    engine.want('nowhere', 'pods');
    socket.serverAccepts();
    socket.serverSends(hello());
    scheduler.frame();

    expect(socket.sent).toEqual([]);
    expect(pods('nowhere')).toMatchObject({ status: 'error', failure: { code: 'unknown-cluster' } });
  });
});

describe('the client rule', () => {
  it('applies the next range and takes its upper bound as the local version', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(11, 13, [upsert(pod('shop', 'c')), remove('shop/a')]));
    scheduler.frame();

    expect(names()).toEqual(['shop/b', 'shop/c']);
    expect(pods().version).toBe(13);
    expect(socket.sent).toEqual([]);
  });

  it('advances the version on a range that has nothing for the resource', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(11, 20, [upsert(pod('x', 'e'), 'events')]));
    scheduler.frame();

    expect(pods().version).toBe(20);
    expect(names()).toEqual(['shop/a', 'shop/b']);
  });

  it('ignores a duplicate range it already covers', () => {
    const socket = start();
    liveWithPods(socket);
    socket.serverSends(delta(11, 12, [upsert(pod('shop', 'c'))]));
    socket.serverSends(delta(11, 12, [remove('shop/c')]));
    socket.serverSends(delta(9, 10, [remove('shop/a')]));
    scheduler.frame();

    expect(names()).toEqual(['shop/a', 'shop/b', 'shop/c']);
    expect(pods()).toMatchObject({ status: 'live', version: 12 });
    expect(socket.sent).toEqual([]);
  });

  it("asks for a snapshot on a gap and drops the resource's deltas until it comes", () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(12, 13, [upsert(pod('shop', 'gap'))]));
    socket.serverSends(delta(14, 15, [upsert(pod('shop', 'later'))]));
    scheduler.frame();

    expect(socket.requests).toEqual([request('resync')]);
    expect(pods()).toMatchObject({ status: 'resyncing', version: 10 });
    expect(names()).toEqual(['shop/a', 'shop/b']);
  });

  it('asks for a snapshot when a range overlaps the local version without starting right after it', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(9, 12, [upsert(pod('shop', 'c'))]));
    scheduler.frame();

    expect(socket.requests).toEqual([request('resync')]);
    expect(pods().status).toBe('resyncing');
  });

  it('resyncs on a delta of another epoch, even one that would follow on', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'c'))], E2));
    scheduler.frame();

    expect(socket.requests).toEqual([request('resync')]);
    expect(names()).toEqual(['shop/a', 'shop/b']);
  });

  it('lets a snapshot replace the state entirely and continues from its version', () => {
    const socket = start();
    liveWithPods(socket);
    socket.serverSends(delta(15, 16));
    socket.serverSends(snapshot(3, [pod('shop', 'z')], E2));
    socket.serverSends(delta(4, 4, [upsert(pod('shop', 'y'))], E2));
    scheduler.frame();

    expect(names()).toEqual(['shop/y', 'shop/z']);
    expect(pods()).toMatchObject({ status: 'live', epoch: E2, version: 4 });
  });

  it('applies a snapshot that arrives while deltas are pending in the same frame, in arrival order', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'c'))]));
    socket.serverSends(delta(13, 13, [upsert(pod('shop', 'gap'))]));
    socket.serverSends(delta(14, 14, [upsert(pod('shop', 'dropped'))]));
    socket.serverSends(snapshot(14, [pod('shop', 'a'), pod('shop', 'fresh')]));
    socket.serverSends(delta(12, 14, [upsert(pod('shop', 'old'))]));
    socket.serverSends(delta(15, 15, [remove('shop/a')]));
    expect(views.at(-1)?.resources.get(resourceId('c1', 'pods'))?.version).toBe(10);
    scheduler.frame();

    expect(names()).toEqual(['shop/fresh']);
    expect(pods()).toMatchObject({ status: 'live', version: 15 });
    expect(socket.requests).toEqual([request('resync')]);
  });

  it('resyncs each resource of the cluster independently and leaves other clusters alone', () => {
    const socket = start();
    engine.want('c1', 'pods');
    engine.want('c1', 'events');
    engine.want('c2', 'pods');
    socket.serverAccepts();
    socket.serverSends(
      hello([
        { cluster: 'c1', connected: true, epoch: E1, version: 10, resources: ['pods', 'events'] },
        { cluster: 'c2', connected: true, epoch: E1, version: 10, resources: ['pods'] },
      ]),
    );
    socket.serverSends(snapshot(10, [pod('shop', 'a')]));
    socket.serverSends(snapshot(12, [], E1, 'events'));
    socket.serverSends(snapshot(10, [pod('shop', 'a')], E1, 'pods', 'c2'));
    scheduler.frame();
    socket.clearSent();

    socket.serverSends(delta(12, 12, [upsert(pod('shop', 'b'))]));
    scheduler.frame();

    expect(socket.requests).toEqual([request('resync')]);
    expect(engine.getView().resources.get(resourceId('c1', 'events'))?.status).toBe('live');
    expect(pods('c2').status).toBe('live');
  });
});

describe('batching per animation frame', () => {
  it('applies every message of a frame at once and notifies once', () => {
    const socket = start();
    liveWithPods(socket);
    const before = views.length;

    for (let v = 11; v <= 60; v++) {
      socket.serverSends(delta(v, v, [upsert(pod('shop', `p${v}`))]));
    }
    expect(views.length).toBe(before);
    scheduler.frame();

    expect(views.length).toBe(before + 1);
    expect(pods().objects.size).toBe(52);
  });

  it('publishes immutable views in which an unchanged resource keeps its identity', () => {
    const socket = start();
    engine.want('c1', 'events');
    liveWithPods(socket);
    socket.serverSends(snapshot(10, [], E1, 'events'));
    scheduler.frame();
    const first = engine.getView();
    const firstPods = pods();
    const firstObjects = firstPods.objects;

    socket.serverSends(delta(11, 11, [upsert(pod('x', 'e1'), 'events')]));
    scheduler.frame();
    const second = engine.getView();

    expect(second).not.toBe(first);
    expect(second.resources.get(resourceId('c1', 'events'))).not.toBe(first.resources.get(resourceId('c1', 'events')));
    expect(pods().objects).toBe(firstObjects);
    expect(pods().objects.get('shop/a')).toBe(firstObjects.get('shop/a'));
    expect(first.resources.get(resourceId('c1', 'events'))?.objects.size).toBe(0);
  });

  it('never mutates the objects of a published view', () => {
    const socket = start();
    liveWithPods(socket);
    const published = pods();

    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'c')), remove('shop/a')]));
    scheduler.frame();

    expect([...published.objects.keys()].sort()).toEqual(['shop/a', 'shop/b']);
    expect(pods().changed).toEqual(new Set(['shop/c', 'shop/a']));
    expect(pods().revision).toBe(published.revision + 1);
  });

  it('does not notify when a frame changes nothing', () => {
    const socket = start();
    liveWithPods(socket);
    const before = views.length;

    socket.serverSends(delta(5, 9));
    scheduler.frame();

    expect(views.length).toBe(before);
  });

  it('flushes on a timer when no animation frame comes, as in a hidden tab', () => {
    const socket = start();
    liveWithPods(socket);

    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'c'))]));
    scheduler.advance(1000);

    expect(names()).toContain('shop/c');
  });

  // The baseline keeps its socket on the main thread (ui/Workspace.tsx): never through the worker.
  it.skipIf(viaWorker())('applies and notifies per message when batching is off, the baseline', () => {
    const socket = start({ batching: 'message' });
    engine.want('c1', 'pods');
    socket.serverAccepts();
    socket.serverSends(hello());
    socket.serverSends(snapshot(10, []));
    const before = views.length;

    socket.serverSends(delta(11, 11, [upsert(pod('shop', 'a'))]));
    socket.serverSends(delta(12, 12, [upsert(pod('shop', 'b'))]));

    expect(views.length).toBe(before + 2);
    expect(scheduler.pendingFrames).toBe(0);
  });
});
