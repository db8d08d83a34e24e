import { describe } from 'vitest';
import { useWorkerTransport } from './testing';

/**
 * The engine's suites once more, with every socket behind the stream worker (in-process): the
 * worker is transport only, so everything the engine promises must hold through it too. The few
 * tests that depend on the main-thread transport's timing say so with `viaWorker()`. Each file
 * is imported inside its own suite, so its hooks stay with its tests.
 */
useWorkerTransport();
describe('engine, through the stream worker', async () => {
  await import('./engine.test');
});
describe('engine resilience, through the stream worker', async () => {
  await import('./engine.resilience.test');
});
describe('engine protocol, through the stream worker', async () => {
  await import('./engine.protocol.test');
});
