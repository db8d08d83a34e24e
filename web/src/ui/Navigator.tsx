import { formatRoute, openResource, type Route } from '../app/route';
import { navigatorSections } from '../model/catalogue';
import type { ClusterView, SyncView } from '../sync/view';
import { resourceId } from '../sync/view';
import type { Navigate } from './hooks';

type Props = { cluster: ClusterView | undefined; view: SyncView; route: Route; navigate: Navigate };

/**
 * The cluster's resources as kubectl groups them. Only what the cluster's Agent serves is listed;
 * a resource the Backend refused is marked locked, since the user's rules grant nothing of it.
 */
export function Navigator({ cluster, view, route }: Props) {
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
}
