import { memo } from 'react';
import { openResource, type Route } from '../app/route';
import type { SyncView } from '../sync/view';
import type { Navigate } from './hooks';

type Props = { view: SyncView; route: Route; navigate: Navigate };

/**
 * Picks the cluster; each option says whether the cluster's Agent is connected. Re-renders only
 * when what it shows changes, not for every version a cluster moves on to.
 */
export const ClusterSwitcher = memo(function ClusterSwitcher({ view, route, navigate }: Props) {
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
}, sameChoices);

function sameChoices(a: Props, b: Props): boolean {
  if (a.route !== b.route || a.navigate !== b.navigate || a.view.connection.ready !== b.view.connection.ready) {
    return false;
  }
  if (a.view.clusters === b.view.clusters) {
    return true;
  }
  if (a.view.clusters.size !== b.view.clusters.size) {
    return false;
  }
  const before = [...a.view.clusters.values()];
  let i = 0;
  for (const c of b.view.clusters.values()) {
    const p = before[i++];
    if (p === undefined || p.cluster !== c.cluster || p.connected !== c.connected || p.resources !== c.resources) {
      return false;
    }
  }
  return true;
}
