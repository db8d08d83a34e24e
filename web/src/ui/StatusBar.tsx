import type { ResourceView } from '../sync/replica';
import type { ClusterView, SyncView } from '../sync/view';
import { useNow, useThrottled } from './hooks';
import { formatDuration } from '../model/format';

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Backend unreachable — reconnecting',
  ended: 'Disconnected by the Backend',
  unauthenticated: 'Signed out',
  closed: 'Disconnected',
} as const;

/**
 * The stream's health in one line: the Backend connection, the cluster's Agent, its epoch and
 * version, what the table holds, and when it last resynced. A screen reader hears only changes
 * of state, not every version.
 */
type Props = {
  view: SyncView;
  cluster: ClusterView | undefined;
  resource: ResourceView | undefined;
  onReconnect: () => void;
};

export function StatusBar({ view, cluster, resource, onReconnect }: Props) {
  const now = useNow();
  const clusterVersion = useThrottled(cluster?.version ?? 0, 250);
  const heldVersion = useThrottled(resource?.version ?? 0, 250);
  const connection = view.connection;
  const backendOk = connection.state === 'open' && connection.ready;
  const state = resource?.status ?? (backendOk ? 'live' : 'stale');
  return (
    <footer className="statusbar">
      <span className={`dot ${backendOk ? 'ok' : 'bad'}`} aria-hidden="true" />
      <span>{CONNECTION_TEXT[connection.state]}</span>
      {(connection.state === 'ended' || connection.state === 'reconnecting') && (
        <button type="button" className="link-button" onClick={onReconnect}>
          Reconnect now
        </button>
      )}
      {cluster !== undefined && (
        <>
          <span className="sep" aria-hidden="true">
            │
          </span>
          <span className={`dot ${cluster.connected ? 'ok' : 'bad'}`} aria-hidden="true" />
          <span>
            {cluster.cluster}: {cluster.connected ? 'agent connected' : 'agent disconnected'}
          </span>
          <span className="sep" aria-hidden="true">
            │
          </span>
          <span title={cluster.epoch ?? ''}>epoch {cluster.epoch?.slice(0, 8) ?? '—'}</span>
          <span>version {clusterVersion}</span>
        </>
      )}
      {resource !== undefined && (
        <>
          <span className="sep" aria-hidden="true">
            │
          </span>
          <span>held v{heldVersion}</span>
          <span>
            last resync{' '}
            {resource.lastResyncAt === null ? 'never' : `${formatDuration(now - resource.lastResyncAt)} ago`}
          </span>
        </>
      )}
      <span className="spacer" />
      {connection.malformedFrames > 0 && (
        <span className="muted">{connection.malformedFrames} unreadable frames ignored</span>
      )}
      <span className={`badge badge-${state}`} role="status" aria-live="polite" data-testid="sync-state">
        {state === 'stale' ? 'STALE' : state}
      </span>
    </footer>
  );
}
