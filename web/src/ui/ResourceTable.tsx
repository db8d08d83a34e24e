import { useVirtualizer } from '@tanstack/react-virtual';
import {
  forwardRef,
  memo,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Route } from '../app/route';
import { resourceType } from '../model/catalogue';
import { columnsFor } from '../model/columns';
import { parseSelector } from '../model/labelSelector';
import { RowModel, type RowQuery } from '../model/rows';
import { TableWindow } from '../model/tableWindow';
import type { SyncEngine } from '../sync/engine';
import { resourceId, type ConnectionView } from '../sync/view';
import { useNow, type Navigate } from './hooks';
import { ResourceNotice } from './ResourceNotice';
import { TableRow } from './TableRow';
import { TableToolbar } from './TableToolbar';

/** Fixed row height: the virtualizer places rows without measuring any. */
const ROW_HEIGHT = 30;

export type TableHandle = { key(key: string): boolean };

type Props = {
  engine: SyncEngine;
  connection: ConnectionView;
  route: Route;
  navigate: Navigate;
};

/**
 * The table of one resource: toolbar, notices, sortable header and virtualized rows.
 *
 * It follows the engine's views itself rather than taking the resource's view as a prop: the row
 * model follows every view, but the table renders only when something it shows changed
 * (`TableWindow`), which under churn is a few frames a second rather than every frame.
 */
export const ResourceTable = memo(
  forwardRef<TableHandle, Props>(function ResourceTable({ engine, connection, route, navigate }, ref) {
    const resource = route.resource ?? '';
    const type = resourceType(resource);
    const id = route.cluster === null || route.resource === null ? null : resourceId(route.cluster, route.resource);
    // Read here as `follow` below reads it: the view the engine published last.
    const current = id === null ? undefined : engine.getView().resources.get(id);
    const firstObject = type.namespaced === undefined ? current?.objects.values().next().value : undefined;
    const namespaced = type.namespaced ?? firstObject?.metadata.namespace !== undefined;
    const columns = useMemo(() => columnsFor(resource, namespaced), [resource, namespaced]);
    const model = useMemo(() => new RowModel(columns), [columns]);
    const table = useMemo(() => new TableWindow(model, engine.batching === 'message'), [model, engine]);
    const template = columns.map((c) => c.width).join(' ');
    const now = useNow();

    const parsed = useMemo(() => parseSelector(route.selector), [route.selector]);
    const namespaces = route.namespaces.join(',');
    const query = useMemo<RowQuery>(
      () => ({
        text: route.search,
        selector: parsed.ok ? parsed.selector : [],
        namespaces: namespaces === '' ? [] : namespaces.split(','),
        sort: route.sort,
      }),
      [route.search, parsed, namespaces, route.sort],
    );
    const follow = useCallback(
      () => table.follow(id === null ? undefined : engine.getView().resources.get(id), query),
      [table, engine, id, query],
    );
    useSyncExternalStore(engine.subscribe, follow);
    const view = table.view;
    const rows = table.rows;

    const scroller = useRef<HTMLDivElement>(null);
    const virtualizer = useVirtualizer({
      count: rows.length,
      getScrollElement: () => scroller.current,
      estimateSize: () => ROW_HEIGHT,
      overscan: 12,
    });

    const [cursorKey, setCursorKey] = useState<string | null>(null);
    const cursorIndex = useMemo(() => (cursorKey === null ? -1 : model.indexOf(cursorKey)), [model, rows, cursorKey]);

    const open = useCallback(
      (key: string) => {
        setCursorKey(key);
        navigate({ ...route, selected: key });
      },
      [navigate, route],
    );

    useImperativeHandle(
      ref,
      () => ({
        key(key: string): boolean {
          if (key === '/') {
            document.getElementById('table-search')?.focus();
            return true;
          }
          const step = key === 'j' || key === 'ArrowDown' ? 1 : key === 'k' || key === 'ArrowUp' ? -1 : 0;
          if (step !== 0 && rows.length > 0) {
            const next = Math.min(rows.length - 1, Math.max(0, (cursorIndex < 0 ? -step : cursorIndex) + step));
            setCursorKey(rows[next]?.key ?? null);
            virtualizer.scrollToIndex(next, { align: 'auto' });
            return true;
          }
          if (key === 'Enter' && cursorIndex >= 0) {
            const row = rows[cursorIndex];
            if (row !== undefined) {
              open(row.key);
            }
            return true;
          }
          return false;
        },
      }),
      [rows, cursorIndex, virtualizer, open],
    );

    const items = virtualizer.getVirtualItems();
    const from = items[0]?.index ?? 0;
    const to = (items[items.length - 1]?.index ?? -1) + 1;
    // After every render, whatever caused it: the next views are compared with what is on screen.
    useLayoutEffect(() => table.rendered(rows, from, to));

    const sortBy = (column: string) => {
      const descending = route.sort?.column === column ? !route.sort.descending : false;
      navigate({ ...route, sort: { column, descending } }, { replace: true });
    };

    const total = view?.objects.size ?? 0;
    const status = view?.status;
    const dimmed = status === 'stale' || (status === 'resyncing' && view?.epoch !== null);
    const refused = status === 'forbidden' || status === 'error';

    return (
      <section className="table-panel" aria-labelledby="table-title">
        <header className="table-header">
          <h1 id="table-title">
            {type.label}
            <span className="count" aria-label={`${rows.length} shown of ${total}`}>
              {rows.length === total
                ? total.toLocaleString()
                : `${rows.length.toLocaleString()} of ${total.toLocaleString()}`}
            </span>
          </h1>
          {status !== undefined && <span className={`badge badge-${status}`}>{status}</span>}
        </header>
        <TableToolbar
          route={route}
          navigate={navigate}
          objects={view?.objects}
          namespaced={namespaced}
          selectorError={parsed.ok ? null : parsed.error}
        />
        <ResourceNotice engine={engine} view={view} connection={connection} route={route} label={type.label} />
        <div
          hidden={refused}
          className={`grid${dimmed ? ' dimmed' : ''}`}
          role="grid"
          aria-readonly="true"
          tabIndex={0}
          aria-label={`${type.label} in ${route.cluster ?? ''}: j and k or arrows move, Enter opens`}
          aria-rowcount={rows.length + 1}
          aria-busy={status === 'resyncing'}
          aria-activedescendant={cursorIndex >= 0 ? 'table-cursor' : undefined}
        >
          <div className="grid-row head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            {columns.map((c) => {
              const sorted =
                route.sort?.column === c.id ? (route.sort.descending ? 'descending' : 'ascending') : 'none';
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-sort={sorted}
                  className={c.align === 'end' ? 'cell end' : 'cell'}
                >
                  <button type="button" onClick={() => sortBy(c.id)}>
                    {c.title}
                    <span aria-hidden="true">
                      {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
          <div ref={scroller} className="grid-body" role="rowgroup">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index];
                return row === undefined ? null : (
                  <TableRow
                    key={row.key}
                    row={row}
                    index={item.index}
                    top={item.start}
                    columns={columns}
                    template={template}
                    now={now}
                    cursor={item.index === cursorIndex}
                    selected={row.key === route.selected}
                    onOpen={open}
                  />
                );
              })}
            </div>
            {view !== undefined && view.epoch !== null && rows.length === 0 && (
              <p className="empty">
                {total === 0 ? `No ${type.label.toLowerCase()} visible to you.` : 'Nothing matches the filters.'}
              </p>
            )}
          </div>
        </div>
      </section>
    );
  }),
);
