import { useState, type FormEvent } from 'react';
import { signIn } from '../app/session';

/** The sign-in page: user and password, posted to the Backend, which sets the session cookie. */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: () => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(user, password);
    setBusy(false);
    if (result.ok) {
      onSignedIn();
    } else {
      setError(result.error);
      setPassword('');
    }
  }

  return (
    <div className="center-page">
      <main className="card sign-in">
        <h1>
          <span className="logo" aria-hidden="true">
            ⎈
          </span>{' '}
          Octokube
        </h1>
        <p className="muted">Live, consistent views of your clusters.</p>
        {notice !== null && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={(e) => void submit(e)} aria-describedby={error !== null ? 'sign-in-error' : undefined}>
          <label htmlFor="sign-in-user">User</label>
          <input
            id="sign-in-user"
            name="user"
            autoComplete="username"
            autoFocus
            required
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />
          <label htmlFor="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error !== null && (
            <p id="sign-in-error" className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
