import type { Route } from '../app/route';
import type { SyncEngine } from '../sync/engine';
import type { ResourceView } from '../sync/replica';
import type { ConnectionView } from '../sync/view';

type Props = {
  engine: SyncEngine;
  view: ResourceView | undefined;
  connection: ConnectionView;
  route: Route;
  label: string;
};

const clock = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toLocaleTimeString());

/**
 * Says plainly what the table's data can be trusted for. Stale data stays on screen, since it is
 * still the best picture there is, but under a banner that says why it is not live.
 */
export function ResourceNotice({ engine, view, connection, route, label }: Props) {
  const where = route.cluster ?? '';
  if (view === undefined) {
    return null;
  }
  const retry = (
    <button type="button" onClick={() => engine.resync(view.cluster, view.resource)}>
      Try again
    </button>
  );
  switch (view.status) {
    case 'forbidden':
      return (
        <div className="notice-block forbidden" role="alert">
          <h2>
            No access to {label} in {where}
          </h2>
          <p>
            Your Octokube access rules do not let you see {label.toLowerCase()} in this cluster
            {view.failure?.code === 'no-access-now' ? ' at this time' : ''}.
          </p>
          {view.failure !== null && <p className="muted">The Backend said: {view.failure.message}</p>}
          <p>Ask your platform team for access if you need it. {retry}</p>
        </div>
      );
    case 'error':
      return (
        <div className="notice-block error" role="alert">
          <h2>
            {label} in {where} could not be loaded
          </h2>
          <p>
            {view.failure?.message ?? 'The Backend refused the request.'}{' '}
            <span className="muted">({view.failure?.code})</span>
          </p>
          <p>{retry}</p>
        </div>
      );
    case 'stale': {
      const why = connection.ready
        ? `the Agent of cluster ${where} is disconnected`
        : connection.state === 'ended'
          ? `the Octokube Backend ended the connection (${connection.lastError ?? 'no reason given'}); use "Reconnect now" below`
          : connection.state === 'unauthenticated'
            ? 'your session ended'
            : 'the Octokube Backend is unreachable; reconnecting';
      return (
        <div className="banner stale" role="status">
          <strong>Stale</strong> — {why}.{' '}
          {view.epoch === null
            ? 'Nothing was received yet.'
            : `Showing the data last synced at ${clock(view.lastResyncAt)} (version ${view.version}); it may be out of date.`}
        </div>
      );
    }
    case 'resyncing':
      return (
        <div className="banner resyncing" role="status">
          <strong>{view.epoch === null ? 'Loading' : 'Resyncing'}</strong> —{' '}
          {view.epoch === null
            ? `fetching ${label.toLowerCase()}…`
            : 'a gap or a restart was detected; fetching an authoritative snapshot.'}
        </div>
      );
    case 'live':
      return null;
  }
}
