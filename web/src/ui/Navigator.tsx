import { memo } from 'react';
import { formatRoute, openResource, type Route } from '../app/route';
import { navigatorSections } from '../model/catalogue';
import type { ClusterView, SyncView } from '../sync/view';
import { resourceId } from '../sync/view';
import type { Navigate } from './hooks';

type Props = { cluster: ClusterView | undefined; view: SyncView; route: Route; navigate: Navigate };

/**
 * The cluster's resources as kubectl groups them. Only what the cluster's Agent serves is listed;
 * a resource the Backend refused is marked locked, since the user's rules grant nothing of it.
 * Re-renders only when that changes, not for every version of the cluster.
 */
export const Navigator = memo(function Navigator({ cluster, view, route }: Props) {
  if (cluster === undefined) {
    return <nav className="navigator" aria-label="Resources" />;
  }
  const sections = navigatorSections(cluster.resources);
  return (
    <nav className="navigator" aria-label="Resources">
      {sections.length === 0 && <p className="muted pad">This cluster's Agent has not connected yet.</p>}
      {sections.map(({ section, types }) => (
        <section key={section} aria-labelledby={`nav-${section}`}>
          <h2 id={`nav-${section}`}>{section}</h2>
          <ul>
            {types.map((t) => {
              const status = view.resources.get(resourceId(cluster.cluster, t.resource))?.status;
              const current = route.resource === t.resource;
              return (
                <li key={t.resource}>
                  <a
                    href={formatRoute(openResource(route, cluster.cluster, t.resource))}
                    aria-current={current ? 'page' : undefined}
                    className={status === 'forbidden' ? 'locked' : undefined}
                    title={t.builtin ? t.resource : `${t.resource} (custom resource)`}
                  >
                    {t.label}
                    {status === 'forbidden' && <span className="lock">no access</span>}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}, sameEntries);

function sameEntries(a: Props, b: Props): boolean {
  if (a.route !== b.route || a.navigate !== b.navigate) {
    return false;
  }
  if (a.cluster === undefined || b.cluster === undefined) {
    return a.cluster === b.cluster;
  }
  if (a.cluster.cluster !== b.cluster.cluster || a.cluster.resources !== b.cluster.resources) {
    return false;
  }
  const name = b.cluster.cluster;
  return b.cluster.resources.every(
    (r) =>
      (a.view.resources.get(resourceId(name, r))?.status === 'forbidden') ===
      (b.view.resources.get(resourceId(name, r))?.status === 'forbidden'),
  );
}
