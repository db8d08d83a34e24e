import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { pod } from './fixtures';
import { Ide, launchChromium } from './ide';
import { MockBackend } from './mockBackend';

/**
 * The IDE under churn: 2,000 changes a second to a 10,000-row pods view, in real Chromium, over
 * a real WebSocket from the mock Backend, one delta per change (the worst case for the IDE: the
 * Backend would merge some), and the same rate in realistic bursts. The modes (`MODES` below) are
 * measured in one run, one after the other.
 *
 * `busyShare` is the renderer main thread's TaskDuration over wall time (Chrome DevTools
 * Protocol, Performance.getMetrics); `cpuShare` is its ThreadTime (CPU time) over wall time, which
 * other processes competing for the cores do not inflate. Long tasks (over 50 ms) come from a
 * PerformanceObserver of `longtask` entries in the page.
 */

const ROWS = Number(process.env.PERF_ROWS ?? 10_000);
const CHANGES_PER_SECOND = Number(process.env.PERF_RATE ?? 2_000);
const WARMUP_MS = 2_000;
const MEASURE_MS = Number(process.env.PERF_SECONDS ?? 10) * 1000;
/**
 * `PERF_PROFILE=dir` also records a CPU profile of the main thread per mode (`mode.cpuprofile`),
 * `PERF_TRACE=dir` a Chrome trace (`mode.trace.json`); both cost time themselves, so the shares
 * of such a run are not comparable with others.
 */
const PROFILE_DIR = process.env.PERF_PROFILE;
const TRACE_DIR = process.env.PERF_TRACE;
/**
 * `PERF_WEBROOT=dir` serves another build of the IDE (default: the one `npm run build` wrote), so
 * two builds can be measured alternately in the same period on a noisy machine.
 */
const WEBROOT = process.env.PERF_WEBROOT ?? join(import.meta.dirname, '..', 'target', 'classes', 'webroot');
/** Changes go out every 10 ms, as many as the clock says are due: about 20 a tick. */
const TICK_MS = 10;

/**
 * - `frame`: the IDE as shipped: the socket in a worker, applied and rendered once per frame;
 * - `message`: the baseline: socket, parse, apply and render per message on the main thread;
 * - `floor`: a bare page that only receives the stream on its main thread and parses each frame;
 * - `frame-main`: the IDE with its socket on the main thread (`?transport=main`), as it was
 *   before the worker: what the worker saves;
 * - `realistic`, `realistic-message`: the IDE and the baseline under the same 2,000 changes a
 *   second, arriving as the Backend sends an Agent's bursts: deltas of `PERF_BURST` (20) changes,
 *   about 100 frames a second.
 */
const MODES = {
  frame: { query: '', burst: 1 },
  message: { query: '?batching=message', burst: 1 },
  floor: { query: null, burst: 1 },
  'frame-main': { query: '?transport=main', burst: 1 },
  realistic: { query: '', burst: Number(process.env.PERF_BURST ?? 20) },
  'realistic-message': { query: '?batching=message', burst: Number(process.env.PERF_BURST ?? 20) },
} as const;
type Mode = keyof typeof MODES;
/** `PERF_MODES=frame,message` runs only those, in that order. */
const RUN: Mode[] = (process.env.PERF_MODES?.split(',') as Mode[] | undefined) ?? (Object.keys(MODES) as Mode[]);

type Result = {
  mode: Mode;
  busyShare: number;
  cpuShare: number;
  scriptShare: number;
  styleAndLayoutShare: number;
  longTasks: { count: number; maxMs: number; totalMs: number };
  framesPerSecond: number;
  changesPerSecondSent: number;
  /** WebSocket frames a second the Backend sent: changes per second / changes per frame. */
  messagesPerSecondSent: number;
  /**
   * How long after the stream stopped the view showed the cluster's last version: near zero when
   * the IDE keeps up, the backlog's drain time when it does not. The status bar updates at most
   * every 250 ms, which bounds the resolution.
   */
  catchUpMs: number | null;
};

const FLOOR_PAGE = `<!doctype html><title>floor</title><script>
  const ws = new WebSocket('ws://' + location.host + '/api/v1/stream');
  window.received = 0;
  ws.onopen = () => ws.send(JSON.stringify({ op: 'subscribe', cluster: 'c1', resource: 'pods' }));
  ws.onmessage = (e) => { JSON.parse(e.data); window.received++; };
</script>`;

async function catchUp(ide: Ide, last: number): Promise<number> {
  const stopped = Date.now();
  await ide.page.waitForFunction(
    (v) => document.querySelector('.statusbar')?.textContent?.includes(`held v${v}`) === true,
    last,
    { timeout: 60_000, polling: 20 },
  );
  return Date.now() - stopped;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

async function measure(browser: Browser, backend: MockBackend, mode: Mode): Promise<Result> {
  const { query, burst } = MODES[mode];
  const ide = await Ide.open(browser, backend.url, query ?? '');
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    await ide.signIn('perf', 'perf');
    if (query === null) {
      await ide.page.goto(`${backend.url}/floor.html`);
      await ide.page.waitForFunction(() => (window as unknown as { received: number }).received > 0);
    } else {
      await ide.page.waitForFunction(
        (n) => document.querySelector('.count')?.textContent === n.toLocaleString(),
        ROWS,
        { timeout: 30_000 },
      );
    }
    const cdp = await ide.context.newCDPSession(ide.page);
    await cdp.send('Performance.enable');
    let counter = 0;
    let messages = 0;
    const streamStart = Date.now();
    // Node's timers drift late under load, so each tick sends what is due by the clock, in whole
    // bursts of `burst` changes (one delta each).
    timer = setInterval(() => {
      const due = Math.floor(((Date.now() - streamStart) * CHANGES_PER_SECOND) / 1000) - counter;
      for (let sent = 0; sent + burst <= due; sent += burst) {
        const objects = Array.from({ length: burst }, () => {
          const n = counter++ % ROWS;
          return pod(`ns-${n % 20}`, `pod-${n}`, { restarts: counter, phase: counter % 2 ? 'Running' : 'Pending' });
        });
        if (burst === 1) {
          backend.upsert('c1', 'pods', objects[0]!);
        } else {
          backend.upsertMany('c1', 'pods', objects);
        }
        messages++;
      }
    }, TICK_MS);
    await new Promise((r) => setTimeout(r, WARMUP_MS));

    await ide.page.evaluate(() => {
      const w = window as unknown as { perf: { longTasks: number[]; frames: number } };
      w.perf = { longTasks: [], frames: 0 };
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.perf.longTasks.push(e.duration))).observe({
        type: 'longtask',
      });
      const tick = () => {
        w.perf.frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const metrics = async () =>
      new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const sentBefore = counter;
    const messagesBefore = messages;
    if (PROFILE_DIR !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (TRACE_DIR !== undefined) {
      await browser.startTracing(ide.page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel'],
      });
    }
    const before = await metrics();
    const started = Date.now();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const after = await metrics();
    if (TRACE_DIR !== undefined) {
      await mkdir(TRACE_DIR, { recursive: true });
      await writeFile(join(TRACE_DIR, `${mode}.trace.json`), await browser.stopTracing());
    }
    if (PROFILE_DIR !== undefined) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(PROFILE_DIR, { recursive: true });
      await writeFile(join(PROFILE_DIR, `${mode}.cpuprofile`), JSON.stringify(profile));
    }
    const seconds = (Date.now() - started) / 1000;
    const sent = counter - sentBefore;
    const messagesSent = messages - messagesBefore;
    clearInterval(timer);
    const share = (...names: string[]) =>
      round(names.reduce((sum, n) => sum + (after.get(n) ?? 0) - (before.get(n) ?? 0), 0) / seconds);
    const page = await ide.page.evaluate(
      () => (window as unknown as { perf: { longTasks: number[]; frames: number } }).perf,
    );
    const catchUpMs = query === null ? null : await catchUp(ide, backend.clusters.get('c1')?.version ?? 0);
    return {
      mode,
      busyShare: share('TaskDuration'),
      cpuShare: share('ThreadTime'),
      scriptShare: share('ScriptDuration'),
      styleAndLayoutShare: share('RecalcStyleDuration', 'LayoutDuration'),
      longTasks: {
        count: page.longTasks.length,
        maxMs: round(Math.max(0, ...page.longTasks)),
        totalMs: round(page.longTasks.reduce((a, b) => a + b, 0)),
      },
      framesPerSecond: round(page.frames / seconds),
      changesPerSecondSent: Math.round(sent / seconds),
      messagesPerSecondSent: Math.round(messagesSent / seconds),
      catchUpMs,
    };
  } finally {
    clearInterval(timer);
    await ide.close();
  }
}

it(`applies ${CHANGES_PER_SECOND} changes a second to ${ROWS} rows, batched per frame and per message`, async () => {
  const backend = await MockBackend.start({
    webroot: WEBROOT,
    users: { perf: { password: 'perf' } },
    pages: { '/floor.html': FLOOR_PAGE },
  });
  backend.addCluster('c1', { pods: Array.from({ length: ROWS }, (_, n) => pod(`ns-${n % 20}`, `pod-${n}`)) });
  const browser = await launchChromium();
  const loadAtStart = loadavg().map(round);
  try {
    const results: Result[] = [];
    for (const mode of RUN) {
      results.push(await measure(browser, backend, mode));
    }
    const report = {
      benchmark: 'Web IDE under churn',
      rows: ROWS,
      changesPerSecond: CHANGES_PER_SECOND,
      measuredSeconds: MEASURE_MS / 1000,
      chromium: browser.version(),
      webroot: WEBROOT,
      loadAverage: { start: loadAtStart, end: loadavg().map(round) },
      results,
    };
    const json = JSON.stringify(report, null, 2);
    await mkdir(join(import.meta.dirname, '..', 'target'), { recursive: true });
    await writeFile(join(import.meta.dirname, '..', 'target', 'perf.json'), `${json}\n`);
    console.log(json);
    expect(results.every((r) => r.changesPerSecondSent > 0)).toBe(true);
  } finally {
    await browser.close();
    await backend.stop();
  }
}, 900_000);
