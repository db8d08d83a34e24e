import { useCallback, useEffect, useState } from 'react';
import { fetchSession, signOut, type Session } from '../app/session';
import { SignIn } from './SignIn';
import { useTheme } from './theme';
import { Workspace } from './Workspace';

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unreachable'; readonly error: string }
  | { readonly kind: 'signed-out'; readonly notice: string | null }
  | { readonly kind: 'signed-in'; readonly session: Session };

/** Asks the Backend who is signed in, then shows the sign-in page or the workspace. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const theme = useTheme();

  const load = useCallback(async (notice: string | null = null) => {
    try {
      const session = await fetchSession();
      setPhase(session === null ? { kind: 'signed-out', notice } : { kind: 'signed-in', session });
    } catch (e) {
      setPhase({ kind: 'unreachable', error: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const leave = useCallback(async () => {
    try {
      await signOut();
    } catch {
      // Signing out of a Backend that is away: the session dies with it or expires; show sign-in anyway.
    }
    setPhase({ kind: 'signed-out', notice: 'You are signed out.' });
  }, []);

  const ended = useCallback(
    () => setPhase({ kind: 'signed-out', notice: 'Your session ended. Sign in again to continue.' }),
    [],
  );

  switch (phase.kind) {
    case 'loading':
      return (
        <div className="center-page" aria-busy="true">
          <p>Loading Octokube…</p>
        </div>
      );
    case 'unreachable':
      return (
        <div className="center-page">
          <div className="card" role="alert">
            <h1>Octokube is unreachable</h1>
            <p>The Backend did not answer ({phase.error}).</p>
            <button type="button" className="primary" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      );
    case 'signed-out':
      return <SignIn notice={phase.notice} onSignedIn={() => void load()} />;
    case 'signed-in':
      return <Workspace session={phase.session} theme={theme} onSignOut={() => void leave()} onSessionEnded={ended} />;
  }
}
