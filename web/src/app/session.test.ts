import { describe, expect, it } from 'vitest';
import { fetchSession, signIn, signOut } from './session';

type Call = { url: string; init: RequestInit | undefined };

function fetcher(status: number, body?: unknown): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fake = (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status }));
  };
  return { fetch: fake as typeof fetch, calls };
}

describe('the session contract', () => {
  it('reads the signed-in user and the demo flag', async () => {
    const { fetch } = fetcher(200, { user: 'alice', demo: true });
    expect(await fetchSession(fetch)).toEqual({ user: 'alice', demo: true });
    expect(await fetchSession(fetcher(200, { user: 'bob' }).fetch)).toEqual({ user: 'bob', demo: false });
  });

  it('reads 401 as signed out and other failures as errors', async () => {
    expect(await fetchSession(fetcher(401, { error: 'no session' }).fetch)).toBeNull();
    await expect(fetchSession(fetcher(502, 'bad gateway').fetch)).rejects.toThrow('502');
    await expect(fetchSession(fetcher(200, { name: 'x' }).fetch)).rejects.toThrow('without a user');
  });

  it('posts the credentials as JSON and accepts 204', async () => {
    const { fetch, calls } = fetcher(204);
    expect(await signIn('alice', 's3cret', fetch)).toEqual({ ok: true });
    expect(calls[0]?.url).toBe('/api/v1/session');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ user: 'alice', password: 's3cret' });
  });

  it("shows the Backend's reason for a refused sign-in, or a plain one", async () => {
    expect(await signIn('alice', 'x', fetcher(401, { error: 'Wrong user or password' }).fetch)).toEqual({
      ok: false,
      error: 'Wrong user or password',
    });
    expect(await signIn('alice', 'x', fetcher(401, 'nope').fetch)).toEqual({
      ok: false,
      error: 'Wrong user or password.',
    });
    expect(await signIn('alice', 'x', fetcher(429).fetch)).toEqual({ ok: false, error: 'Sign-in failed (429).' });
    const unreachable = (() => Promise.reject(new TypeError('network'))) as typeof fetch;
    expect((await signIn('alice', 'x', unreachable)).ok).toBe(false);
  });

  it('signs out with DELETE', async () => {
    const { fetch, calls } = fetcher(204);
    await signOut(fetch);
    expect(calls[0]?.init?.method).toBe('DELETE');
  });
});
