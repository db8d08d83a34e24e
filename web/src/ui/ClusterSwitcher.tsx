import { openResource, type Route } from '../app/route';
import type { SyncView } from '../sync/view';
import type { Navigate } from './hooks';

/** Picks the cluster; each option says whether the cluster's Agent is connected. */
export function ClusterSwitcher({ view, route, navigate }: { view: SyncView; route: Route; navigate: Navigate }) {
  const clusters = [...view.clusters.values()];
  if (clusters.length === 0) {
    return <span className="muted">{view.connection.ready ? 'No cluster is visible to you' : 'Connecting…'}</span>;
  }
  return (
    <label className="cluster-switcher">
      <span className="visually-hidden">Cluster</span>
      <select
        value={route.cluster ?? ''}
        onChange={(e) => {
          const cluster = view.clusters.get(e.target.value);
          const resource =
            route.resource !== null && cluster?.resources.includes(route.resource) ? route.resource : 'pods';
          navigate(openResource(route, e.target.value, resource));
        }}
      >
        {route.cluster !== null && !view.clusters.has(route.cluster) && (
          <option value={route.cluster}>{route.cluster} (unknown)</option>
        )}
        {clusters.map((c) => (
          <option key={c.cluster} value={c.cluster}>
            {c.connected ? '● ' : '○ '}
            {c.cluster}
            {c.connected ? '' : ' (agent disconnected)'}
          </option>
        ))}
      </select>
    </label>
  );
}
