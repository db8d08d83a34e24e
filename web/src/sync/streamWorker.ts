import type { WorkerLike } from './workerTransport';

/**
 * Starts the stream worker (`stream.worker.ts`). Vite sees this `new Worker(new URL(…))` form and
 * bundles the worker as its own file; it throws where there is no `Worker` (Node, old browsers),
 * and the socket factory then falls back to the main thread.
 */
export function createStreamWorker(): WorkerLike {
  return new Worker(new URL('./stream.worker.ts', import.meta.url), {
    type: 'module',
    name: 'octokube-stream',
  }) as unknown as WorkerLike;
}
