import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from '../app/route';
import type { SyncEngine } from '../sync/engine';
import type { ResourceView } from '../sync/replica';
import { resourceId, sameShape, type SyncView } from '../sync/view';

/** The engine's current view; re-renders once per published frame. */
export function useSyncView(engine: SyncEngine): SyncView {
  return useSyncExternalStore(engine.subscribe, engine.getView);
}

/**
 * The engine's view, but a new one only when its shape changed (`sameShape`): not for the objects
 * and versions every delta changes. For the workspace's frame, which would otherwise re-render
 * with everything in it on every frame of churn; what shows objects follows the engine itself.
 */
export function useSyncShape(engine: SyncEngine): SyncView {
  const shown = useRef<SyncView | null>(null);
  const getShape = useCallback(() => {
    const view = engine.getView();
    // The baseline (`?batching=message`) renders every view, as the IDE did before batching.
    if (shown.current === null || engine.batching === 'message' || !sameShape(shown.current, view)) {
      shown.current = view;
    }
    return shown.current;
  }, [engine]);
  return useSyncExternalStore(engine.subscribe, getShape);
}

/** Holds a resource while the component is mounted. */
export function useHeld(engine: SyncEngine, cluster: string | null, resource: string | null): void {
  useEffect(
    () => (cluster !== null && resource !== null ? engine.want(cluster, resource) : undefined),
    [engine, cluster, resource],
  );
}

/** The view of a resource in `view`, if it is held. */
export function resourceIn(view: SyncView, cluster: string | null, resource: string | null): ResourceView | undefined {
  return cluster !== null && resource !== null ? view.resources.get(resourceId(cluster, resource)) : undefined;
}

/** Holds several resources of one cluster (the detail panel's related objects). */
export function useResources(engine: SyncEngine, cluster: string | null, resources: readonly string[]): void {
  const joined = resources.join(' ');
  useEffect(() => {
    if (cluster === null || joined === '') {
      return undefined;
    }
    const releases = joined.split(' ').map((r) => engine.want(cluster, r));
    return () => releases.forEach((release) => release());
  }, [engine, cluster, joined]);
}

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

/**
 * The route in the URL fragment. Navigating pushes a history entry, so back and forward walk
 * the views; `replace` is for typing in the search boxes, which would otherwise push one entry
 * per keystroke.
 */
export function useRoute(): [Route, Navigate] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  const navigate = useCallback<Navigate>((next, options) => {
    const hash = formatRoute(next);
    if (hash === window.location.hash) {
      return;
    }
    if (options?.replace) {
      window.history.replaceState(null, '', hash);
    } else {
      window.history.pushState(null, '', hash);
    }
    setRoute(parseRoute(hash));
  }, []);
  return [route, navigate];
}

/**
 * What `read` returns, read once every `ms` rather than on every render: a number that changes
 * every frame (a version under churn) would otherwise make the browser paint every frame for a
 * text nobody can read that fast, and whatever shows it render every frame.
 */
export function useSampled<T>(read: () => T, ms: number): T {
  const [shown, setShown] = useState(read);
  const latest = useRef(read);
  latest.current = read;
  useEffect(() => {
    const timer = window.setInterval(() => setShown(latest.current()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return shown;
}

/** The time now, refreshed every `ms`: ages in the tables tick without a frame per second of work. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
