/**
 * The session contract with the Backend (web/README.md, "Backend contract"):
 * - `GET /api/v1/session` → 200 `{"user":"alice","demo":true}` when signed in, 401 otherwise;
 * - `POST /api/v1/session` with `{"user","password"}` → 204 and an HttpOnly session cookie, or
 *   401 `{"error":"…"}`;
 * - `DELETE /api/v1/session` → 204; the cookie is cleared and the session's stream closes.
 */

export type Session = { readonly user: string; readonly demo: boolean };

/** `null`: not signed in. Rejects when the Backend cannot be reached or answers nonsense. */
export async function fetchSession(fetcher: typeof fetch = fetch): Promise<Session | null> {
  const response = await fetcher('/api/v1/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`the Backend answered ${response.status}`);
  }
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || typeof (body as { user?: unknown }).user !== 'string') {
    throw new Error('the Backend sent a session without a user');
  }
  const { user, demo } = body as { user: string; demo?: unknown };
  return { user, demo: demo === true };
}

export type SignInResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export async function signIn(user: string, password: string, fetcher: typeof fetch = fetch): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetcher('/api/v1/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ user, password }),
    });
  } catch {
    return { ok: false, error: 'The Octokube Backend cannot be reached. Try again in a moment.' };
  }
  if (response.ok) {
    return { ok: true };
  }
  return {
    ok: false,
    error:
      (await errorOf(response)) ??
      (response.status === 401 ? 'Wrong user or password.' : `Sign-in failed (${response.status}).`),
  };
}

export async function signOut(fetcher: typeof fetch = fetch): Promise<void> {
  await fetcher('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' });
}

async function errorOf(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return typeof error === 'string' && error !== '' ? error : null;
  } catch {
    // A body that is not JSON says nothing more than the status.
    return null;
  }
}
