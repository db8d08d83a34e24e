import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { openResource, type Route } from '../app/route';
import { resourceType } from '../model/catalogue';
import type { SyncEngine } from '../sync/engine';
import type { SyncView } from '../sync/view';
import { useSyncView, type Navigate } from './hooks';

type Item = { readonly id: string; readonly label: string; readonly hint: string; readonly route: Route };

const LIMIT = 50;

/**
 * Ctrl/Cmd-K: jump to any resource of any cluster, or to any object the IDE holds, by typing
 * parts of its name. Every word typed must appear; resources come before objects.
 */
export function CommandPalette({
  engine,
  route,
  navigate,
  onClose,
}: {
  engine: SyncEngine;
  route: Route;
  navigate: Navigate;
  onClose: () => void;
}) {
  // Every view while open: it finds objects, which change with deltas.
  const view = useSyncView(engine);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    input.current?.focus();
    const previous = opener.current;
    return () => {
      if (previous instanceof HTMLElement) {
        previous.focus();
      }
    };
  }, []);

  const items = useMemo(() => search(view, route, query), [view, route, query]);

  const choose = (item: Item | undefined) => {
    if (item !== undefined) {
      onClose();
      navigate(item.route);
    }
  };

  const keydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(items[active]);
    }
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Jump to a resource or object">
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={items[active] ? `palette-${active}` : undefined}
          aria-label="Resource or object name"
          placeholder="Jump to a resource or object…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={keydown}
        />
        <ul id="palette-list" role="listbox" aria-label="Matches">
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(item)}
            >
              <span>{item.label}</span>
              <span className="muted">{item.hint}</span>
            </li>
          ))}
          {items.length === 0 && <li className="muted">Nothing matches.</li>}
        </ul>
      </div>
    </div>
  );
}

function search(view: SyncView, route: Route, query: string): Item[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const hit = (text: string) => words.every((w) => text.includes(w));
  const items: Item[] = [];
  for (const cluster of view.clusters.values()) {
    for (const resource of cluster.resources) {
      const type = resourceType(resource);
      if (hit(`${type.label} ${resource} ${cluster.cluster}`.toLowerCase())) {
        items.push({
          id: `r ${cluster.cluster} ${resource}`,
          label: type.label,
          hint: `${type.section} · ${cluster.cluster}`,
          route: openResource(route, cluster.cluster, resource),
        });
      }
    }
  }
  // Objects only once something is typed: listing 100,000 pods unasked helps nobody.
  if (words.length > 0) {
    for (const held of view.resources.values()) {
      if (items.length >= LIMIT) break;
      const label = resourceType(held.resource).label;
      for (const [key, object] of held.objects) {
        if (hit(key.toLowerCase())) {
          items.push({
            id: `o ${held.cluster} ${held.resource} ${key}`,
            label: object.metadata.name,
            hint: `${label} · ${object.metadata.namespace ?? held.cluster}`,
            route: openResource(route, held.cluster, held.resource, key),
          });
          if (items.length >= LIMIT) break;
        }
      }
    }
  }
  return items.slice(0, LIMIT);
}
