import { describe, expect, it } from 'vitest';
import { decodeServerMessage, encodeClientRequest } from './protocol';

// The frames of protocol/…/client/ClientGoldenJsonTest.java, byte for byte: the Backend's codec
// writes exactly these, so the IDE must read exactly these.
const EPOCH = '7f3kq9v2m4x8b1d0';

describe("decoding the Backend's frames", () => {
  it('reads a hello, with demo false when omitted and a never-connected cluster without epoch', () => {
    const decoded = decodeServerMessage(
      '{"op":"hello","user":"alice","clusters":[' +
        `{"cluster":"c1","connected":true,"epoch":"${EPOCH}","version":42,"resources":["pods","deployments.apps"]},` +
        '{"cluster":"c2","connected":false,"version":0,"resources":[]}]}',
    );
    expect(decoded).toEqual({
      ok: true,
      message: {
        op: 'hello',
        user: 'alice',
        demo: false,
        clusters: [
          { cluster: 'c1', connected: true, epoch: EPOCH, version: 42, resources: ['pods', 'deployments.apps'] },
          { cluster: 'c2', connected: false, epoch: null, version: 0, resources: [] },
        ],
      },
    });
  });

  it('reads the demo flag of a demo Backend', () => {
    const decoded = decodeServerMessage('{"op":"hello","user":"alice","demo":true,"clusters":[]}');
    expect(decoded.ok && decoded.message.op === 'hello' && decoded.message.demo).toBe(true);
  });

  it('reads a snapshot and keeps its objects as they are', () => {
    const decoded = decodeServerMessage(
      `{"op":"snapshot","cluster":"c1","resource":"pods","epoch":"${EPOCH}","version":42,` +
        '"items":[{"metadata":{"name":"api-7f9","namespace":"payments"}}]}',
    );
    expect(decoded).toEqual({
      ok: true,
      message: {
        op: 'snapshot',
        cluster: 'c1',
        resource: 'pods',
        epoch: EPOCH,
        version: 42,
        items: [{ metadata: { name: 'api-7f9', namespace: 'payments' } }],
      },
    });
  });

  it('reads a delta with an upsert and a delete, and an empty range', () => {
    const decoded = decodeServerMessage(
      `{"op":"delta","cluster":"c1","epoch":"${EPOCH}","from":43,"to":45,"changes":[` +
        '{"resource":"pods","type":"upsert","key":"payments/api-7f9","object":{"metadata":{"name":"api-7f9","namespace":"payments"}}},' +
        '{"resource":"pods","type":"delete","key":"payments/api-1a2"}]}',
    );
    expect(decoded.ok && decoded.message).toEqual({
      op: 'delta',
      cluster: 'c1',
      epoch: EPOCH,
      from: 43,
      to: 45,
      changes: [
        {
          resource: 'pods',
          type: 'upsert',
          key: 'payments/api-7f9',
          object: { metadata: { name: 'api-7f9', namespace: 'payments' } },
        },
        { resource: 'pods', type: 'delete', key: 'payments/api-1a2' },
      ],
    });
    expect(
      decodeServerMessage(`{"op":"delta","cluster":"c1","epoch":"${EPOCH}","from":46,"to":50,"changes":[]}`).ok,
    ).toBe(true);
  });

  it('reads a cluster status with and without epoch', () => {
    expect(decodeServerMessage(`{"op":"cluster","cluster":"c1","connected":false,"epoch":"${EPOCH}"}`)).toEqual({
      ok: true,
      message: { op: 'cluster', cluster: 'c1', connected: false, epoch: EPOCH },
    });
    expect(decodeServerMessage('{"op":"cluster","cluster":"c1","connected":false}')).toEqual({
      ok: true,
      message: { op: 'cluster', cluster: 'c1', connected: false, epoch: null },
    });
  });

  it('reads errors with and without the subscription they concern', () => {
    expect(decodeServerMessage('{"op":"error","code":"forbidden","message":"no rule grants this"}')).toEqual({
      ok: true,
      message: { op: 'error', code: 'forbidden', message: 'no rule grants this', cluster: null, resource: null },
    });
    expect(
      decodeServerMessage(
        '{"op":"error","code":"no-access-now","message":"the binding\'s window is closed","cluster":"c1","resource":"pods"}',
      ),
    ).toMatchObject({ ok: true, message: { code: 'no-access-now', cluster: 'c1', resource: 'pods' } });
  });

  it('refuses an error that names a resource without its cluster', () => {
    expect(decodeServerMessage('{"op":"error","code":"forbidden","message":"m","resource":"pods"}').ok).toBe(false);
  });

  it('keeps the cluster and resource of a refused frame, so the engine can repair them', () => {
    expect(
      decodeServerMessage('{"op":"snapshot","cluster":"c1","resource":"pods","epoch":"e","version":-1,"items":[]}'),
    ).toEqual({
      ok: false,
      reason: 'version must be a non-negative integer',
      op: 'snapshot',
      cluster: 'c1',
      resource: 'pods',
    });
  });

  it('ignores fields it does not know, which a later Backend may add', () => {
    expect(decodeServerMessage('{"op":"cluster","cluster":"c1","connected":false,"region":"eu"}').ok).toBe(true);
  });
});

describe("encoding the IDE's requests", () => {
  it('writes op, cluster and resource as the golden frames do', () => {
    expect(encodeClientRequest({ op: 'subscribe', cluster: 'c1', resource: 'pods' })).toBe(
      '{"op":"subscribe","cluster":"c1","resource":"pods"}',
    );
    expect(encodeClientRequest({ op: 'resync', cluster: 'c1', resource: 'deployments.apps' })).toBe(
      '{"op":"resync","cluster":"c1","resource":"deployments.apps"}',
    );
  });
});
