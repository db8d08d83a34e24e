import WebSocket from 'ws';

/**
 * The keys (`namespace/name`) of what the Backend's authoritative snapshot of `resource` holds for
 * `user`, sorted: the Agent's state filtered by the user's rules, read on a stream of its own
 * (the demo's `demo-<user>` API token). What an IDE shows after any number of deltas, gaps and
 * restarts must come back to this.
 */
export async function snapshotKeys(
  baseUrl: string,
  user: string,
  cluster: string,
  resource: string,
): Promise<string[]> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`, {
    headers: { Authorization: `Bearer demo-${user}` },
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no snapshot of ${resource} for ${user} within 10 s`)), 10_000);
      socket.on('error', reject);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          op: string;
          resource?: string;
          code?: string;
          message?: string;
          items?: { metadata: { name: string; namespace?: string } }[];
        };
        if (message.op === 'hello') {
          socket.send(JSON.stringify({ op: 'subscribe', cluster, resource }));
        } else if (message.op === 'snapshot' && message.resource === resource) {
          clearTimeout(timer);
          resolve(
            (message.items ?? [])
              .map((o) =>
                o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`,
              )
              .sort(),
          );
        } else if (message.op === 'error') {
          clearTimeout(timer);
          reject(
            new Error(`the Backend refused ${user}'s snapshot of ${resource}: ${message.code} ${message.message}`),
          );
        }
      });
    });
  } finally {
    socket.close();
  }
}
