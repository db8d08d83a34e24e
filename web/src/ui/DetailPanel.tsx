import { useEffect, useRef } from 'react';
import { formatRoute, openResource, type Route } from '../app/route';
import { resourceType } from '../model/catalogue';
import { num, text } from '../model/fields';
import { formatDuration } from '../model/format';
import { eventsFor, lastSeen } from '../model/events';
import { OWNED_RESOURCES, ownedBy, ownersOf, type ObjectLink } from '../model/owners';
import { toYaml } from '../model/yaml';
import type { SyncEngine } from '../sync/engine';
import type { KubeObject } from '../sync/protocol';
import type { ResourceView } from '../sync/replica';
import { resourceId, type ClusterView, type SyncView } from '../sync/view';
import { CopyButton } from './CopyButton';
import { resourceIn, useNow, useResources, useSyncView, type Navigate } from './hooks';
import { focusTable } from './focus';

type Props = {
  engine: SyncEngine;
  cluster: ClusterView | undefined;
  route: Route;
  navigate: Navigate;
};

/** What a kind owns, two levels down (Deployment → ReplicaSets → Pods), among what the cluster serves. */
function ownedLevels(resource: string, served: readonly string[]): string[][] {
  const first = (OWNED_RESOURCES[resource] ?? []).filter((r) => served.includes(r));
  const second = first.flatMap((r) => OWNED_RESOURCES[r] ?? []).filter((r) => served.includes(r));
  return [first, second];
}

/** The selected object: its owners and what it owns as links, its recent events, its YAML. */
export function DetailPanel({ engine, cluster, route, navigate }: Props) {
  const resource = route.resource ?? '';
  const key = route.selected ?? '';
  const served = cluster?.resources ?? [];
  const [children, grandchildren] = ownedLevels(resource, served);
  const related = [
    ...new Set([...(children ?? []), ...(grandchildren ?? []), ...(served.includes('events') ? ['events'] : [])]),
  ];
  useResources(engine, route.cluster, related);
  // Every view, not the workspace's shape: the object and its related objects change with deltas.
  const view = useSyncView(engine);
  const resourceView = resourceIn(view, route.cluster, route.resource);
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const object = resourceView?.objects.get(key);
  const type = resourceType(resource);
  const kind = typeof object?.kind === 'string' ? object.kind : type.kind;

  useEffect(() => heading.current?.focus(), [key]);

  const close = () => {
    navigate({ ...route, selected: null });
    focusTable();
  };
  const link = (target: ObjectLink) =>
    target.resource === null
      ? null
      : formatRoute(openResource(route, route.cluster ?? '', target.resource, target.key));

  return (
    <aside className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <h2 id="detail-title" ref={heading} tabIndex={-1}>
          <span className="muted">{kind || type.label}</span> {object?.metadata.name ?? key}
        </h2>
        <button type="button" className="ghost" onClick={close} aria-label="Close details" aria-keyshortcuts="Escape">
          ✕
        </button>
      </header>
      {object === undefined ? (
        <p className="notice-block">
          {resourceView?.status === 'resyncing' ? 'Loading…' : `${key} does not exist, or is not visible to you.`}
        </p>
      ) : (
        <div className="detail-body">
          {object.metadata.namespace !== undefined && (
            <p>
              <span className="muted">Namespace</span> {object.metadata.namespace}
            </p>
          )}
          <Links title="Owners" links={ownersOf(object)} href={link} empty="No owner." />
          {(children ?? []).map((child) => (
            <OwnedList
              key={child}
              object={object}
              kind={kind}
              resource={child}
              grandchildren={grandchildren ?? []}
              clusterName={route.cluster ?? ''}
              view={view}
              href={link}
            />
          ))}
          <Events
            object={object}
            kind={kind}
            events={route.cluster === null ? undefined : view.resources.get(resourceId(route.cluster, 'events'))}
            now={now}
          />
          <section aria-labelledby="yaml-title">
            <div className="section-head">
              <h3 id="yaml-title">YAML</h3>
              <CopyButton text={() => toYaml(object)} label="Copy YAML" />
            </div>
            <pre className="yaml" tabIndex={0}>
              {toYaml(object)}
            </pre>
          </section>
        </div>
      )}
    </aside>
  );
}

function Links({
  title,
  links,
  href,
  empty,
}: {
  title: string;
  links: readonly ObjectLink[];
  href: (l: ObjectLink) => string | null;
  empty: string;
}) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {links.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="links">
          {links.map((l) => {
            const target = href(l);
            return (
              <li key={`${l.kind}/${l.key}`}>
                <span className="muted">{l.kind}</span> {target === null ? l.name : <a href={target}>{l.name}</a>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type OwnedProps = {
  object: KubeObject;
  kind: string;
  resource: string;
  grandchildren: readonly string[];
  clusterName: string;
  view: SyncView;
  href: (l: ObjectLink) => string | null;
};

function OwnedList({ object, kind, resource, grandchildren, clusterName, view, href }: OwnedProps) {
  const held = view.resources.get(resourceId(clusterName, resource));
  const type = resourceType(resource);
  if (held?.status === 'forbidden') {
    return <p className="muted">{type.label}: not visible to you.</p>;
  }
  const owned = held === undefined ? [] : ownedBy(object, kind, resource, held.objects);
  return (
    <section aria-label={`Owned ${type.label}`}>
      <h3>
        {type.label} <span className="count">{owned.length}</span>
      </h3>
      <ul className="links">
        {owned.slice(0, 50).map((l) => {
          const target = href(l);
          const child = held?.objects.get(l.key);
          return (
            <li key={l.key}>
              {target === null ? l.name : <a href={target}>{l.name}</a>}
              {child !== undefined &&
                grandchildren
                  .filter((g) => (OWNED_RESOURCES[resource] ?? []).includes(g))
                  .map((g) => {
                    const grand = view.resources.get(resourceId(clusterName, g));
                    const links = grand === undefined ? [] : ownedBy(child, type.kind, g, grand.objects);
                    return (
                      <ul key={g} className="links nested">
                        {links.slice(0, 20).map((gl) => {
                          const gt = href(gl);
                          return <li key={gl.key}>{gt === null ? gl.name : <a href={gt}>{gl.name}</a>}</li>;
                        })}
                        {links.length > 20 && <li className="muted">and {links.length - 20} more</li>}
                      </ul>
                    );
                  })}
            </li>
          );
        })}
        {owned.length > 50 && <li className="muted">and {owned.length - 50} more</li>}
      </ul>
    </section>
  );
}

function Events({
  object,
  kind,
  events,
  now,
}: {
  object: KubeObject;
  kind: string;
  events: ResourceView | undefined;
  now: number;
}) {
  if (events === undefined) {
    return null;
  }
  if (events.status === 'forbidden') {
    return <p className="muted">Events: not visible to you.</p>;
  }
  const list = eventsFor(object, kind, events.objects, 20);
  return (
    <section aria-label="Events">
      <h3>Events</h3>
      {list.length === 0 ? (
        <p className="muted">No recent events.</p>
      ) : (
        <ul className="events">
          {list.map((e) => {
            const repeats = num(e, 'series.count') ?? num(e, 'count') ?? 1;
            return (
              <li key={e.metadata.name} className={text(e, 'type') === 'Warning' ? 'warning' : undefined}>
                <span className="muted">{formatDuration(now - lastSeen(e))} ago</span>{' '}
                <strong>{text(e, 'reason')}</strong>
                {repeats > 1 && <span className="muted"> ×{repeats}</span>} {text(e, 'message')}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
