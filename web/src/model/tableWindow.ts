import type { ResourceView } from '../sync/replica';
import type { Row, RowModel, RowQuery } from './rows';

const EMPTY: readonly Row[] = [];

/**
 * Decides, once per published view and outside React, whether the table must render again.
 *
 * The row model follows every view (incrementally, so it must see each revision), but the table
 * shows only a window of its rows: at 2,000 changes a second to 10,000 rows about 40 rows are on
 * screen, so most frames change no row the table shows. `follow` returns a number that changes
 * only when something shown changed — a row in the window the table last rendered (changed, moved
 * or shifted by a move elsewhere), the counts in the header, the resource's status or its notice —
 * and the table renders when that number changes, not for every view.
 *
 * Between renders `rows` and `view` are always the latest: a render for another reason (a scroll,
 * the clock) shows the rows as they are now, not as they were at the last render.
 */
export class TableWindow {
  private followed: ResourceView | undefined = undefined;
  private query: RowQuery | null = null;
  private latest: readonly Row[] = EMPTY;
  /** The rows the last render put on screen, and the index of the first. */
  private shown: readonly Row[] = EMPTY;
  private shownFrom = 0;
  private shownLength = 0;
  private version = 0;

  /**
   * `everyView`: a new version for every view followed, shown or not, for the performance
   * baseline (`?batching=message`), which renders every message as the IDE did before batching.
   */
  constructor(
    private readonly model: RowModel,
    private readonly everyView = false,
  ) {}

  /** The rows of the view last followed, filtered and sorted. */
  get rows(): readonly Row[] {
    return this.latest;
  }

  /** The view last followed. */
  get view(): ResourceView | undefined {
    return this.followed;
  }

  /**
   * Brings the rows up to `view` and `query`; returns the version of what is shown, which changes
   * when the table must render again. The same view and query again return the same version.
   */
  follow(view: ResourceView | undefined, query: RowQuery): number {
    if (view === this.followed && query === this.query) {
      return this.version;
    }
    const before = this.followed;
    const rows = view === undefined ? EMPTY : this.model.rows(view, query);
    const changed =
      this.everyView ||
      query !== this.query ||
      before === undefined ||
      view === undefined ||
      rows.length !== this.shownLength ||
      !sameNotice(before, view) ||
      this.windowChanged(rows);
    this.followed = view;
    this.query = query;
    this.latest = rows;
    if (changed) {
      this.version++;
    }
    return this.version;
  }

  /**
   * What the table rendered: `rows[from..to)` of the rows it read. Called after each render, so
   * the next views are compared with what is on screen.
   */
  rendered(rows: readonly Row[], from: number, to: number): void {
    this.shown = rows.slice(from, to);
    this.shownFrom = from;
    this.shownLength = rows.length;
  }

  private windowChanged(rows: readonly Row[]): boolean {
    const shown = this.shown;
    const from = this.shownFrom;
    for (let i = 0; i < shown.length; i++) {
      if (rows[from + i] !== shown[i]) {
        return true;
      }
    }
    return false;
  }
}

/**
 * Whether the header, the badge and the notice read the same from both views: all of a view but
 * its objects, which the rows stand for. The version is shown only in the stale banner.
 */
function sameNotice(a: ResourceView, b: ResourceView): boolean {
  return (
    a.status === b.status &&
    a.epoch === b.epoch &&
    a.objects.size === b.objects.size &&
    a.failure === b.failure &&
    a.lastResyncAt === b.lastResyncAt &&
    (b.status === 'live' || a.version === b.version)
  );
}
