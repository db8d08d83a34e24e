import type { KubeObject } from '../sync/protocol';
import type { ResourceView } from '../sync/replica';
import type { CellValue, Column } from './columns';
import { matches, type Selector } from './labelSelector';
import { naturalCompare } from './naturalOrder';

export type SortOrder = { readonly column: string; readonly descending: boolean };

/** What the table shows of a resource: a text search, a label selector, namespaces, an order. */
export type RowQuery = {
  /** Words that must all appear in the name, namespace or a text cell, case-insensitively. */
  readonly text: string;
  readonly selector: Selector;
  /** Empty: every namespace. */
  readonly namespaces: readonly string[];
  /** Null: by namespace and name. */
  readonly sort: SortOrder | null;
};

export type Row = { readonly key: string; readonly object: KubeObject; readonly cells: readonly CellValue[] };

/**
 * Turns a resource's objects into the table's rows: filtered, sorted, each row's cells computed
 * at most once per object and only when read (objects are immutable, so a cache keyed by object
 * is always right).
 *
 * When the next view differs by a few changed keys, only those rows move: each leaves its place
 * and is inserted where it now sorts, by binary search. At 2,000 changes a second on 10,000 rows
 * that is about 33 moves a frame instead of a sort of the whole table each frame.
 */
export class RowModel {
  private readonly cells = new WeakMap<KubeObject, readonly CellValue[]>();
  private readonly search = new WeakMap<KubeObject, string>();
  private last: { view: ResourceView; query: RowQuery; rows: Row[]; byKey: Map<string, Row> } | null = null;

  constructor(readonly columns: readonly Column[]) {}

  rows(view: ResourceView, query: RowQuery): readonly Row[] {
    const last = this.last;
    if (last !== null && last.view.objects === view.objects && last.query === query) {
      return last.rows;
    }
    const incremental =
      last !== null &&
      last.query === query &&
      view.changed !== null &&
      view.revision === last.view.revision + 1 &&
      view.changed.size * 4 <= Math.max(last.rows.length, 64);
    const result = incremental ? this.update(last, view, query) : this.rebuild(view, query);
    this.last = { view, query, ...result };
    return result.rows;
  }

  private rebuild(view: ResourceView, query: RowQuery): { rows: Row[]; byKey: Map<string, Row> } {
    const filter = this.filter(query);
    const rows: Row[] = [];
    const byKey = new Map<string, Row>();
    for (const [key, object] of view.objects) {
      if (filter(object)) {
        const row = this.row(key, object);
        rows.push(row);
        byKey.set(key, row);
      }
    }
    rows.sort(this.comparator(query.sort));
    return { rows, byKey };
  }

  private update(
    last: { rows: Row[]; byKey: Map<string, Row> },
    view: ResourceView,
    query: RowQuery,
  ): { rows: Row[]; byKey: Map<string, Row> } {
    const filter = this.filter(query);
    const compare = this.comparator(query.sort);
    const rows = last.rows.slice();
    const byKey = last.byKey;
    for (const key of view.changed ?? []) {
      const old = byKey.get(key);
      const object = view.objects.get(key);
      if (old !== undefined && object !== undefined && filter(object)) {
        // Most changes (a status, a restart count) leave the row where it sorts: replace it there.
        const row = this.row(key, object);
        const at = search(rows, old, compare);
        if (fits(rows, at, row, compare)) {
          rows[at] = row;
          byKey.set(key, row);
          continue;
        }
      }
      if (old !== undefined) {
        rows.splice(search(rows, old, compare), 1);
        byKey.delete(key);
      }
      if (object !== undefined && filter(object)) {
        const row = this.row(key, object);
        rows.splice(search(rows, row, compare), 0, row);
        byKey.set(key, row);
      }
    }
    return { rows, byKey };
  }

  /** Where the row of `key` is in the rows last returned, or -1: a binary search, not a scan. */
  indexOf(key: string): number {
    const row = this.last?.byKey.get(key);
    if (this.last === null || row === undefined) {
      return -1;
    }
    return search(this.last.rows, row, this.comparator(this.last.query.sort));
  }

  private row(key: string, object: KubeObject): Row {
    return new LazyRow(key, object, this);
  }

  /** The cells of `object`, computed the first time a row of it is shown or sorted by a cell. */
  cellsOf(object: KubeObject): readonly CellValue[] {
    let cells = this.cells.get(object);
    if (cells === undefined) {
      cells = this.columns.map((c) => c.value(object));
      this.cells.set(object, cells);
    }
    return cells;
  }

  private filter(query: RowQuery): (object: KubeObject) => boolean {
    const words = query.text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    const namespaces = query.namespaces.length > 0 ? new Set(query.namespaces) : null;
    return (object) =>
      (namespaces === null || namespaces.has(object.metadata.namespace ?? '')) &&
      (query.selector.length === 0 || matches(query.selector, object.metadata.labels)) &&
      (words.length === 0 || this.matchesWords(object, words));
  }

  private matchesWords(object: KubeObject, words: readonly string[]): boolean {
    let haystack = this.search.get(object);
    if (haystack === undefined) {
      const cells = this.columns.filter((c) => c.format !== 'age').map((c) => c.value(object));
      haystack = [object.metadata.name, object.metadata.namespace ?? '', ...cells.filter((c) => typeof c === 'string')]
        .join('\n')
        .toLowerCase();
      this.search.set(object, haystack);
    }
    const text = haystack;
    return words.every((w) => text.includes(w));
  }

  private comparator(sort: SortOrder | null): (a: Row, b: Row) => number {
    if (sort === null) {
      return (a, b) => naturalCompare(a.key, b.key);
    }
    const index = this.columns.findIndex((c) => c.id === sort.column);
    if (index < 0) {
      return (a, b) => naturalCompare(a.key, b.key);
    }
    // Ages hold timestamps: the youngest (latest timestamp) is the smallest age.
    const sign = (sort.descending ? -1 : 1) * (this.columns[index]?.format === 'age' ? -1 : 1);
    return (a, b) => {
      const order = compareCells(a.cells[index] ?? null, b.cells[index] ?? null, sign);
      return order !== 0 ? order : naturalCompare(a.key, b.key);
    };
  }
}

/**
 * A row whose cells are computed when first read: by the table for a row on screen, or by the
 * comparator when sorting by a column. Sorted by key (the default), a change to one of the
 * 10,000 rows off screen costs no cells at all; at 2,000 changes a second that was a tenth of
 * the row model's time.
 */
class LazyRow implements Row {
  private computed: readonly CellValue[] | null = null;

  constructor(
    readonly key: string,
    readonly object: KubeObject,
    private readonly model: RowModel,
  ) {}

  get cells(): readonly CellValue[] {
    this.computed ??= this.model.cellsOf(this.object);
    return this.computed;
  }
}

/** Empty values last whatever the direction: they are the least interesting rows. */
function compareCells(a: CellValue, b: CellValue, sign: number): number {
  if (a === b) return 0;
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * naturalCompare(String(a), String(b));
}

/** Whether `row` may take index `at`, the place of the row it replaces, and stay sorted. */
function fits(rows: readonly Row[], at: number, row: Row, compare: (a: Row, b: Row) => number): boolean {
  const before = rows[at - 1];
  const after = rows[at + 1];
  return (before === undefined || compare(before, row) < 0) && (after === undefined || compare(row, after) < 0);
}

/**
 * The index of `row` in `rows` (sorted by `compare`, a total order thanks to the key tiebreak):
 * where it is, or where it belongs.
 */
function search(rows: readonly Row[], row: Row, compare: (a: Row, b: Row) => number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const probe = rows[mid];
    if (probe !== undefined && compare(probe, row) < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}
