import type { ObjectMap } from '../sync/objectMap';
import { memo, useMemo, useState } from 'react';
import type { Route } from '../app/route';
import type { KubeObject } from '../sync/protocol';
import type { Navigate } from './hooks';

type Props = {
  route: Route;
  navigate: Navigate;
  objects: ObjectMap<KubeObject> | undefined;
  namespaced: boolean;
  selectorError: string | null;
};

/** Text search, label selector and namespaces: each kept in the URL as the user types. */
export function TableToolbar({ route, navigate, objects, namespaced, selectorError }: Props) {
  return (
    <div className="toolbar" role="search">
      <SearchFields route={route} navigate={navigate} selectorError={selectorError} />
      {namespaced && <NamespacePicker route={route} navigate={navigate} objects={objects} />}
    </div>
  );
}

/**
 * The two text fields. Memoized apart from the namespace picker, which gets new objects every
 * frame under churn: React writes a controlled input's attributes on each render, and doing that
 * 60 times a second costs style work for nothing.
 */
const SearchFields = memo(function SearchFields({
  route,
  navigate,
  selectorError,
}: Pick<Props, 'route' | 'navigate' | 'selectorError'>) {
  return (
    <>
      <label className="field grow">
        <span className="visually-hidden">Search</span>
        <input
          id="table-search"
          type="search"
          placeholder="Search   /"
          aria-keyshortcuts="/"
          value={route.search}
          onChange={(e) => navigate({ ...route, search: e.target.value }, { replace: true })}
        />
      </label>
      <label className="field grow">
        <span className="visually-hidden">Label selector</span>
        <input
          id="table-selector"
          type="search"
          placeholder="Label selector, e.g. app=web,tier in (api)"
          spellCheck={false}
          aria-invalid={selectorError !== null}
          aria-describedby={selectorError !== null ? 'selector-error' : undefined}
          value={route.selector}
          onChange={(e) => navigate({ ...route, selector: e.target.value }, { replace: true })}
        />
        {selectorError !== null && (
          <span id="selector-error" className="field-error" role="alert">
            {selectorError}
          </span>
        )}
      </label>
    </>
  );
});

function NamespacePicker({ route, navigate, objects }: Pick<Props, 'route' | 'navigate' | 'objects'>) {
  const [open, setOpen] = useState(false);
  // Computed only while the list is open: scanning 100,000 objects on every frame would not be.
  const namespaces = useMemo(() => {
    if (!open) {
      return [];
    }
    const found = new Set(route.namespaces);
    for (const object of objects?.values() ?? []) {
      if (object.metadata.namespace !== undefined) {
        found.add(object.metadata.namespace);
      }
    }
    return [...found].sort();
  }, [open, objects, route.namespaces]);
  const summary =
    route.namespaces.length === 0
      ? 'All namespaces'
      : route.namespaces.length === 1
        ? route.namespaces[0]
        : `${route.namespaces.length} namespaces`;

  return (
    <details className="namespace-picker" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary aria-label={`Namespaces: ${summary}`}>{summary}</summary>
      <NamespaceList route={route} navigate={navigate} namespaces={namespaces} />
    </details>
  );
}

type ListProps = Pick<Props, 'route' | 'navigate'> & { namespaces: readonly string[] };

/** The checkboxes: re-rendered when the namespaces found change, not for every frame of objects. */
const NamespaceList = memo(
  function NamespaceList({ route, navigate, namespaces }: ListProps) {
    const chosen = new Set(route.namespaces);
    const toggle = (namespace: string) => {
      const next = chosen.has(namespace)
        ? route.namespaces.filter((n) => n !== namespace)
        : [...route.namespaces, namespace].sort();
      navigate({ ...route, namespaces: next });
    };
    return (
      <div className="popover" role="group" aria-label="Namespaces">
        <label className="check">
          <input
            type="checkbox"
            checked={route.namespaces.length === 0}
            onChange={() => navigate({ ...route, namespaces: [] })}
          />
          All namespaces
        </label>
        {namespaces.map((n) => (
          <label key={n} className="check">
            <input type="checkbox" checked={chosen.has(n)} onChange={() => toggle(n)} />
            {n}
          </label>
        ))}
      </div>
    );
  },
  (a: ListProps, b: ListProps) =>
    a.route === b.route &&
    a.navigate === b.navigate &&
    a.namespaces.length === b.namespaces.length &&
    a.namespaces.every((n, i) => n === b.namespaces[i]),
);
