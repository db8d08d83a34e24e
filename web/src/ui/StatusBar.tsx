import type { SyncEngine } from '../sync/engine';
import type { ResourceView } from '../sync/replica';
import { resourceId, type ClusterView, type SyncView } from '../sync/view';
import { useNow, useSampled } from './hooks';
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
 * of state, not every version. `view`, `cluster` and `resource` may lag behind in their versions
 * (the workspace passes them on only when their shape changes); the versions shown are read from
 * the engine four times a second.
 */
type Props = {
  engine: SyncEngine;
  view: SyncView;
  cluster: ClusterView | undefined;
  resource: ResourceView | undefined;
  onReconnect: () => void;
};

export function StatusBar({ engine, view, cluster, resource, onReconnect }: Props) {
  const now = useNow();
  const name = cluster?.cluster;
  const held = resource === undefined ? undefined : resourceId(resource.cluster, resource.resource);
  const clusterVersion = useSampled(
    () => (name === undefined ? 0 : (engine.getView().clusters.get(name)?.version ?? 0)),
    250,
  );
  const heldVersion = useSampled(
    () => (held === undefined ? 0 : (engine.getView().resources.get(held)?.version ?? 0)),
    250,
  );
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
