import type { Ide } from '../ide';

/**
 * Reading the IDE the way a user reads it, for the stack's tests: whole tables, the namespace
 * filter's choices, the status bar's epoch, the sync states it went through, and the moment a
 * row appeared. Built on `Ide` from ../ide.ts; knows nothing of the Backend either.
 */

/** Tall enough that every row of a demo table (a few hundred pods at most) is rendered at once. */
export const TALL_VIEWPORT = { width: 1400, height: 4000 };

export type TableRowText = { readonly key: string; readonly namespace: string | null };

/**
 * Every row of the table, read in one go with the header's count: the table is virtualized, so
 * this insists that all rows are rendered (see TALL_VIEWPORT) rather than trusting what is.
 */
export async function allRows(ide: Ide, timeoutMs = 5000): Promise<TableRowText[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await ide.page.evaluate(() => {
      const headers = [...document.querySelectorAll('.grid-row.head [role="columnheader"]')].map((h) =>
        (h.textContent ?? '').replace(/[▲▼]/g, '').trim(),
      );
      const column = headers.indexOf('Namespace');
      const rows = [...document.querySelectorAll('.grid-body [role="row"][data-key]')].map((row) => ({
        key: row.getAttribute('data-key') ?? '',
        namespace: column < 0 ? null : (row.children[column]?.textContent ?? null),
      }));
      const label = document.querySelector('.table-header .count')?.getAttribute('aria-label') ?? '';
      const shown = /^(\d+) shown of (\d+)$/.exec(label);
      return { rows, shown: shown === null ? -1 : Number(shown[1]) };
    });
    if (table.shown >= 0 && table.rows.length === table.shown) {
      return table.rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    if (Date.now() > deadline) {
      throw new Error(`the table renders ${table.rows.length} rows of the ${table.shown} it counts`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function allKeys(ide: Ide): Promise<string[]> {
  return (await allRows(ide)).map((r) => r.key);
}

/** The distinct values of the Namespace column, sorted. */
export async function namespaceColumn(ide: Ide): Promise<string[]> {
  const rows = await allRows(ide);
  return [...new Set(rows.map((r) => r.namespace ?? '(none)'))].sort();
}

/** The namespaces the namespace filter offers (opened and closed again), sorted. */
export async function namespaceChoices(ide: Ide): Promise<string[]> {
  const summary = ide.page.getByRole('search').locator('summary');
  await summary.click();
  const group = ide.page.getByRole('group', { name: 'Namespaces' });
  // The list is computed once the picker has opened (a render after the click): wait for more
  // than "All namespaces". A picker that never lists any namespace gives [] after the wait.
  await group
    .locator('label.check')
    .nth(1)
    .waitFor({ timeout: 5000 })
    .catch(() => {});
  const labels = await group.locator('label.check').allTextContents();
  await summary.click();
  return labels
    .map((l) => l.trim())
    .filter((l) => l !== 'All namespaces')
    .sort();
}

/** The full epoch the status bar shows for the cluster (its tooltip; the text is cut short). */
export async function statusBarEpoch(ide: Ide): Promise<string> {
  const epoch = ide.page.locator('.statusbar span[title]', { hasText: /^epoch / });
  return (await epoch.getAttribute('title')) ?? '';
}

/**
 * Starts recording every sync state the status bar shows, and every notice above the table
 * (stale, resyncing), in order, as the DOM changes: a state shown for a single frame counts.
 */
export async function recordSyncStates(ide: Ide): Promise<void> {
  await ide.page.evaluate(() => {
    const seen: string[] = [];
    const record = () => {
      const state = document.querySelector('[data-testid="sync-state"]')?.textContent ?? '(none)';
      // The notice's headline (Stale, Resyncing, Loading), not its details, which tick with versions.
      const banner = document.querySelector('.table-panel .banner strong')?.textContent ?? '';
      const entry = banner === '' ? state : `${state}: ${banner}`;
      if (seen[seen.length - 1] !== entry) {
        seen.push(entry);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { octokubeSeenStates: string[] }).octokubeSeenStates = seen;
  });
}

/** What recordSyncStates saw so far: each entry the state, then the notice if one was shown. */
export async function recordedSyncStates(ide: Ide): Promise<string[]> {
  return ide.page.evaluate(() => [...(window as unknown as { octokubeSeenStates: string[] }).octokubeSeenStates]);
}

/**
 * Starts watching for the row of `key`; the returned function resolves with the time (the
 * browser's `Date.now()`, the same clock as this process's) the row entered the table.
 */
export async function watchForRow(ide: Ide, key: string, timeoutMs = 10_000): Promise<() => Promise<number>> {
  await ide.page.evaluate(
    ([key, timeoutMs]) => {
      const selector = `.grid-body [role="row"][data-key="${CSS.escape(key)}"]`;
      const watched = ((window as unknown as { octokubeRows?: Map<string, Promise<number>> }).octokubeRows ??=
        new Map());
      watched.set(
        key,
        new Promise<number>((resolve, reject) => {
          if (document.querySelector(selector) !== null) {
            resolve(Date.now());
            return;
          }
          const observer = new MutationObserver(() => {
            if (document.querySelector(selector) !== null) {
              observer.disconnect();
              resolve(Date.now());
            }
          });
          observer.observe(document.body, { subtree: true, childList: true });
          setTimeout(() => {
            observer.disconnect();
            reject(new Error(`no row ${key} within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      );
    },
    [key, timeoutMs] as const,
  );
  return () =>
    ide.page.evaluate(
      (key) => (window as unknown as { octokubeRows: Map<string, Promise<number>> }).octokubeRows.get(key)!,
      key,
    );
}

/** The notice above the table (no access, could not be loaded, stale, resyncing) as text, or ''. */
export async function tableNotice(ide: Ide): Promise<string> {
  const notice = ide.page.locator('.table-panel').locator('.notice-block, .banner');
  return (await notice.count()) === 0 ? '' : (await notice.first().innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Waits for the view to be live again. A view that shows `error` or `forbidden` meanwhile fails
 * at once, with what the page says: neither is a step on the way to live.
 */
export async function settlesLive(ide: Ide, when: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await ide.syncState().textContent()) ?? '';
    if (state === 'live') {
      return;
    }
    if (state === 'error' || state === 'forbidden' || Date.now() > deadline) {
      const seen = await recordedSyncStates(ide).catch(() => []);
      throw new Error(
        `${when}, the view shows ${JSON.stringify(state)} instead of live: ${JSON.stringify(await tableNotice(ide))}` +
          (seen.length > 0 ? `; states seen in order: ${JSON.stringify(seen)}` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sync state once the view has settled: no longer loading, resyncing or stale. */
export async function settledState(ide: Ide, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await ide.syncState().textContent()) ?? '';
    if (['live', 'forbidden', 'error'].includes(state) || Date.now() > deadline) {
      return state;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * How the table's keys differ from `expected` (the Backend's snapshot, say): what it lacks and
 * what it has too many; both empty when they are equal.
 */
export async function differenceFrom(
  ide: Ide,
  expected: () => Promise<readonly string[]>,
): Promise<{ missing: string[]; extra: string[] }> {
  const shown = new Set(await allKeys(ide));
  const wanted = new Set(await expected());
  return {
    missing: [...wanted].filter((k) => !shown.has(k)),
    extra: [...shown].filter((k) => !wanted.has(k)),
  };
}
