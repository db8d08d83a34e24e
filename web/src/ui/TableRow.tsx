import { memo, useLayoutEffect, useRef } from 'react';
import { display, type Column } from '../model/columns';
import type { Row } from '../model/rows';

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

/**
 * One virtualized row. Memoized: during churn only the rows whose object changed re-render.
 * A changed object flashes the row: the Web Animations API fades the opacity of a `::before`
 * layer behind the cells. It restarts cleanly on every change, forces no layout (re-adding a
 * CSS class would), and an opacity animation runs on the compositor, so a flashing row costs the
 * main thread no paint per frame, which a background-colour animation would.
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
      element.current?.animate?.([{ opacity: 1 }, { opacity: 0 }], {
        duration: 1200,
        easing: 'ease-out',
        pseudoElement: '::before',
      });
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
