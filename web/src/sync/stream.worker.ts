import { StreamHost, type FromWorker, type HostSocket, type ToWorker } from './workerTransport';

/** The stream worker's entry point: a `StreamHost` over the worker's own WebSocket and port. */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const host = new StreamHost(
  (message) => scope.postMessage(message),
  (url) => new WebSocket(url) as unknown as HostSocket,
);
scope.onmessage = (event) => host.receive(event.data);
