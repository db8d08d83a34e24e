import { memo, useLayoutEffect, useRef } from 'react';
import { display, type Column } from '../model/columns';
import type { Row } from '../model/rows';
import { RowFlashes } from './flash';

type Props = {
  row: Row;
  index: number;
  top: number;
  columns: readonly Column[];
  template: string;
  now: number;
  cursor: boolean;
  selected: boolean;
  onOpen: (key: string) => void;
};

/** The flashes of every table row: one timer for all (flash.ts). */
const flashes = new RowFlashes();

/**
 * One virtualized row. Memoized: during churn only the rows whose object changed re-render.
 * A changed object flashes the row: a `::before` layer behind the cells shows in two steps and
 * goes (`RowFlashes`), without an animation running every frame. The attribute is React's to
 * ignore, so a re-render for the cursor or the selection does not cut a flash short.
 */
export const TableRow = memo(function TableRow({
  row,
  index,
  top,
  columns,
  template,
  now,
  cursor,
  selected,
  onOpen,
}: Props) {
  const element = useRef<HTMLDivElement>(null);
  const shown = useRef(row.object);
  useLayoutEffect(() => {
    if (shown.current !== row.object) {
      shown.current = row.object;
      if (element.current !== null) {
        flashes.flash(element.current);
      }
    }
  }, [row.object]);

  return (
    <div
      ref={element}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      id={cursor ? 'table-cursor' : undefined}
      className={`grid-row${cursor ? ' cursor' : ''}${selected ? ' selected' : ''}`}
      data-key={row.key}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template }}
      onClick={() => onOpen(row.key)}
    >
      {columns.map((column, i) => {
        const text = display(column, row.cells[i] ?? null, now);
        return (
          <div key={column.id} role="gridcell" className={column.align === 'end' ? 'cell end' : 'cell'} title={text}>
            {text}
          </div>
        );
      })}
    </div>
  );
});
