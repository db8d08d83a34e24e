import { useEffect, useRef, useState } from 'react';
import { parseRoute } from '../app/route';
import { fetchSession, type Session } from '../app/session';
import { browserSocketFactory, type SocketFactory } from '../sync/connection';
import { SyncEngine, type Batching } from '../sync/engine';
import { browserScheduler } from '../sync/scheduler';
import { createStreamWorker } from '../sync/streamWorker';
import { workerSocketFactory } from '../sync/workerTransport';
import { ClusterSwitcher } from './ClusterSwitcher';
import { CommandPalette } from './CommandPalette';
import { DetailPanel } from './DetailPanel';
import { focusTable } from './focus';
import { resourceIn, useHeld, useRoute, useSyncShape } from './hooks';
import { Navigator } from './Navigator';
import { ResourceTable, type TableHandle } from './ResourceTable';
import { StatusBar } from './StatusBar';
import type { Theme } from './theme';

/** The stream on the page's own origin: the session cookie goes with the handshake. */
function streamUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/v1/stream`;
}

/** `?batching=message` turns frame batching off: the baseline the performance run compares. */
function batching(): Batching {
  return new URLSearchParams(window.location.search).get('batching') === 'message' ? 'message' : 'frame';
}

/**
 * Where the WebSocket runs: in a worker that decodes and batches frames off the main thread (the
 * default), or on the main thread with `?transport=main`. The baseline (`?batching=message`)
 * always uses the main thread, as the IDE did before the worker: one receive, parse, apply and
 * render per message, all on the main thread.
 */
function socketFactory(batching: Batching): SocketFactory {
  const main = new URLSearchParams(window.location.search).get('transport') === 'main';
  if (batching === 'message' || main) {
    return browserSocketFactory;
  }
  // One worker for the page: a workspace mounted again (after signing in again) reuses it.
  workerSockets ??= workerSocketFactory({
    createWorker: createStreamWorker,
    scheduler: browserScheduler,
    fallback: browserSocketFactory,
    log: (message) => console.warn(`octokube sync: ${message}`),
  });
  return workerSockets;
}

let workerSockets: SocketFactory | null = null;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Enter and Space belong to a focused button, link or disclosure, not to the table. */
function activates(event: KeyboardEvent): boolean {
  return (
    (event.key === 'Enter' || event.key === ' ') &&
    event.target instanceof HTMLElement &&
    ['A', 'BUTTON', 'SUMMARY'].includes(event.target.tagName)
  );
}

type Props = { session: Session; theme: Theme; onSignOut: () => void; onSessionEnded: () => void };

export function Workspace({ session, theme, onSignOut, onSessionEnded }: Props) {
  const [engine] = useState(() => {
    const mode = batching();
    return new SyncEngine({
      url: streamUrl(),
      batching: mode,
      socketFactory: socketFactory(mode),
      sessionValid: async () => (await fetchSession()) !== null,
    });
  });
  // The shape only: under churn the workspace's frame renders when a status, a connection or a
  // cluster's Agent changes, not for every frame of objects (the table follows those itself).
  const view = useSyncShape(engine);
  const [route, navigate] = useRoute();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const table = useRef<TableHandle>(null);

  useEffect(() => {
    engine.start();
    const online = () => engine.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      engine.stop();
    };
  }, [engine]);

  useEffect(() => {
    if (view.connection.state === 'unauthenticated') {
      onSessionEnded();
    }
  }, [view.connection.state, onSessionEnded]);

  // A URL without a cluster or resource opens the first cluster's pods (or first resource). The
  // effect depends on the cluster's name and resources only, not on the cluster object, which is
  // new for every version: an effect to run on every frame of churn costs a task per frame.
  const target = route.cluster === null ? view.clusters.values().next().value : view.clusters.get(route.cluster);
  const targetName = target?.cluster;
  const targetResources = target?.resources;
  useEffect(() => {
    if (targetName === undefined || targetResources === undefined || route.resource !== null) {
      return;
    }
    // The address bar, not the route of this render: a link followed since (its hashchange not
    // yet rendered) must not be replaced by the default.
    const current = parseRoute(window.location.hash);
    if (current.resource !== null || current.cluster !== route.cluster) {
      return;
    }
    const resource = targetResources.includes('pods') ? 'pods' : targetResources[0];
    if (resource !== undefined) {
      navigate({ ...current, cluster: targetName, resource }, { replace: true });
    }
  }, [route, targetName, targetResources, navigate]);

  useHeld(engine, route.cluster, route.resource);
  const resourceView = resourceIn(view, route.cluster, route.resource);

  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen((open) => !open);
        return;
      }
      if (paletteOpen || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      if (event.key === 'Escape') {
        if (isTyping(event.target)) {
          (event.target as HTMLElement).blur();
        } else if (route.selected !== null) {
          navigate({ ...route, selected: null });
          focusTable();
        }
        return;
      }
      if (isTyping(event.target) || activates(event)) {
        return;
      }
      const handled = table.current?.key(event.key) ?? false;
      if (handled) {
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', keydown);
    return () => window.removeEventListener('keydown', keydown);
  }, [paletteOpen, route, navigate]);

  const cluster = route.cluster === null ? undefined : view.clusters.get(route.cluster);
  const demo = session.demo || view.connection.demo;

  return (
    <div className="workspace">
      <a className="skip-link" href="#table-search">
        Skip to the table
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="logo" aria-hidden="true">
            ⎈
          </span>{' '}
          Octokube
        </span>
        <ClusterSwitcher view={view} route={route} navigate={navigate} />
        <span className="spacer" />
        <button
          type="button"
          className="ghost"
          onClick={() => setPaletteOpen(true)}
          aria-keyshortcuts="Control+K Meta+K"
        >
          Jump to… <kbd>Ctrl K</kbd>
        </button>
        <button
          type="button"
          className="ghost"
          onClick={theme.toggle}
          aria-label={`Switch to ${theme.theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme.theme === 'dark' ? '☀' : '☾'}
        </button>
        <span className="user" title="Signed in">
          {session.user}
        </span>
        <button type="button" className="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {demo && (
        <div className="demo-banner" role="note">
          Demo mode: these clusters are simulated. Nothing you see here is a real workload.
        </div>
      )}
      <div className="body">
        <Navigator cluster={cluster} view={view} route={route} navigate={navigate} />
        <main className="main" aria-label="Resource table">
          <ResourceTable ref={table} engine={engine} connection={view.connection} route={route} navigate={navigate} />
        </main>
        {route.selected !== null && route.cluster !== null && route.resource !== null && (
          <DetailPanel engine={engine} cluster={cluster} route={route} navigate={navigate} />
        )}
      </div>
      <StatusBar
        engine={engine}
        view={view}
        cluster={cluster}
        resource={resourceView}
        onReconnect={() => engine.reconnect()}
      />
      {paletteOpen && (
        <CommandPalette engine={engine} route={route} navigate={navigate} onClose={() => setPaletteOpen(false)} />
      )}
    </div>
  );
}
