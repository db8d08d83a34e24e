import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small stand-in for the Octokube Backend, for end-to-end tests of the IDE: it serves the built
 * webroot, implements the session contract of web/README.md, and speaks the client protocol of
 * docs/protocol.md from state the test scripts (clusters, objects, users' forbidden resources).
 * It is deliberately simple — one version per change, no merging — and offers the faults a test
 * needs: a lost delta, a dropped socket, an Agent going away or restarting.
 */

export type KubeObject = { metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

type Cluster = { epoch: string; version: number; connected: boolean; objects: Map<string, Map<string, KubeObject>> };
type Client = { socket: WebSocket; user: string; subscriptions: Set<string> };

export type MockBackendOptions = {
  webroot: string;
  users: Record<string, { password: string; forbidden?: string[] }>;
  demo?: boolean;
  /** Extra HTML pages by path, e.g. a bare page that measures the cost of the stream alone. */
  pages?: Record<string, string>;
};

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

const keyOf = (o: KubeObject) =>
  o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
const newEpoch = () => randomBytes(8).toString('hex');

export class MockBackend {
  readonly clusters = new Map<string, Cluster>();
  /** Every request a client sent, in order, as `user op cluster resource`. */
  readonly requests: string[] = [];
  private readonly sessions = new Map<string, string>();
  private readonly clients = new Set<Client>();
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private loseNext = false;
  private refusing = false;

  private constructor(private readonly options: MockBackendOptions) {
    this.server = createServer((req, res) => void this.http(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      const user = this.userOf(req);
      if (req.url !== '/api/v1/stream' || user === null || this.refusing) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, user));
    });
  }

  static async start(options: MockBackendOptions): Promise<MockBackend> {
    const backend = new MockBackend(options);
    await new Promise<void>((done) => backend.server.listen(0, '127.0.0.1', done));
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  addCluster(name: string, resources: Record<string, KubeObject[]>): void {
    const objects = new Map(
      Object.entries(resources).map(([r, items]) => [r, new Map(items.map((o) => [keyOf(o), o]))]),
    );
    this.clusters.set(name, { epoch: newEpoch(), version: 1, connected: true, objects });
  }

  upsert(cluster: string, resource: string, object: KubeObject): void {
    this.change(cluster, resource, keyOf(object), object);
  }

  remove(cluster: string, resource: string, key: string): void {
    this.change(cluster, resource, key, null);
  }

  /** The next version is applied but never sent: clients see a gap at the version after. */
  loseNextDelta(): void {
    this.loseNext = true;
  }

  /** Drops every client socket, as a Backend crash would; `refuse` also refuses reconnections. */
  dropConnections(refuse: boolean): void {
    this.refusing = refuse;
    for (const client of this.clients) client.socket.terminate();
  }

  acceptConnections(): void {
    this.refusing = false;
  }

  /** The cluster's Agent disconnects (`restart`: and comes back with a new epoch, version 1). */
  agentAway(cluster: string): void {
    const c = this.mustCluster(cluster);
    c.connected = false;
    this.broadcast({ op: 'cluster', cluster, connected: false, epoch: c.epoch });
  }

  agentBack(cluster: string, restarted: boolean): void {
    const c = this.mustCluster(cluster);
    c.connected = true;
    if (restarted) {
      c.epoch = newEpoch();
      c.version = 1;
    }
    this.broadcast({ op: 'cluster', cluster, connected: true, epoch: c.epoch });
    if (restarted) {
      // A new epoch invalidates every subscription: the Backend sends fresh snapshots unasked.
      for (const client of this.clients) {
        for (const sub of client.subscriptions) {
          const [name, resource] = sub.split(' ');
          if (name === cluster && resource !== undefined) this.snapshot(client, cluster, resource);
        }
      }
    }
  }

  private change(cluster: string, resource: string, key: string, object: KubeObject | null): void {
    this.changeMany(cluster, resource, [[key, object]]);
  }

  /**
   * Several changes of one resource as consecutive versions sent in one delta, as the Backend
   * merges a burst the Agent sent together (docs/protocol.md, "Consecutive versions merge").
   */
  upsertMany(cluster: string, resource: string, objects: readonly KubeObject[]): void {
    this.changeMany(
      cluster,
      resource,
      objects.map((o) => [keyOf(o), o]),
    );
  }

  private changeMany(cluster: string, resource: string, changed: readonly [string, KubeObject | null][]): void {
    const c = this.mustCluster(cluster);
    const objects = c.objects.get(resource) ?? new Map<string, KubeObject>();
    c.objects.set(resource, objects);
    for (const [key, object] of changed) {
      if (object === null) objects.delete(key);
      else objects.set(key, object);
    }
    const from = c.version + 1;
    c.version += changed.length;
    if (this.loseNext) {
      this.loseNext = false;
      return;
    }
    for (const client of this.clients) {
      const subscribed = client.subscriptions.has(`${cluster} ${resource}`) && !this.forbidden(client.user, resource);
      const changes = !subscribed
        ? []
        : changed.map(([key, object]) =>
            object === null ? { resource, type: 'delete', key } : { resource, type: 'upsert', key, object },
          );
      send(client.socket, { op: 'delta', cluster, epoch: c.epoch, from, to: c.version, changes });
    }
  }

  private connected(socket: WebSocket, user: string): void {
    const client: Client = { socket, user, subscriptions: new Set() };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (data) => this.request(client, String(data)));
    const clusters = [...this.clusters].map(([cluster, c]) => ({
      cluster,
      connected: c.connected,
      epoch: c.epoch,
      version: c.version,
      resources: [...c.objects.keys()],
    }));
    send(socket, { op: 'hello', user, ...(this.options.demo ? { demo: true } : {}), clusters });
  }

  private request(client: Client, text: string): void {
    const request = JSON.parse(text) as { op: string; cluster: string; resource: string };
    this.requests.push(`${client.user} ${request.op} ${request.cluster} ${request.resource}`);
    const sub = `${request.cluster} ${request.resource}`;
    if (request.op === 'unsubscribe') {
      client.subscriptions.delete(sub);
      return;
    }
    if (this.forbidden(client.user, request.resource)) {
      client.subscriptions.delete(sub);
      send(client.socket, {
        op: 'error',
        code: 'forbidden',
        message: `no rule grants ${client.user} ${request.resource} in ${request.cluster}`,
        cluster: request.cluster,
        resource: request.resource,
      });
      return;
    }
    client.subscriptions.add(sub);
    this.snapshot(client, request.cluster, request.resource);
  }

  private snapshot(client: Client, cluster: string, resource: string): void {
    const c = this.mustCluster(cluster);
    const items = [...(c.objects.get(resource)?.values() ?? [])];
    send(client.socket, { op: 'snapshot', cluster, resource, epoch: c.epoch, version: c.version, items });
  }

  private broadcast(message: object): void {
    for (const client of this.clients) send(client.socket, message);
  }

  private forbidden(user: string, resource: string): boolean {
    return this.options.users[user]?.forbidden?.includes(resource) ?? false;
  }

  private mustCluster(name: string): Cluster {
    const cluster = this.clusters.get(name);
    if (cluster === undefined) throw new Error(`no cluster ${name}`);
    return cluster;
  }

  private userOf(req: IncomingMessage): string | null {
    const match = /(?:^|;\s*)octokube_session=([^;]+)/.exec(req.headers.cookie ?? '');
    return match?.[1] === undefined ? null : (this.sessions.get(match[1]) ?? null);
  }

  private async http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === '/api/v1/session') {
      await this.session(req, res);
      return;
    }
    const requested = (req.url ?? '/').split('?')[0] ?? '/';
    const page = this.options.pages?.[requested];
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
      return;
    }
    const path = requested === '/' ? '/index.html' : requested;
    const root = resolve(this.options.webroot);
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  }

  private async session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (status: number, body: object) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET') {
      const user = this.userOf(req);
      if (user === null) json(401, { error: 'not signed in' });
      else json(200, { user, ...(this.options.demo ? { demo: true } : {}) });
    } else if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      const { user, password } = JSON.parse(body) as { user: string; password: string };
      if (this.options.users[user]?.password !== password) {
        json(401, { error: 'Wrong user or password.' });
        return;
      }
      const token = randomBytes(16).toString('hex');
      this.sessions.set(token, user);
      res.writeHead(204, { 'Set-Cookie': `octokube_session=${token}; HttpOnly; SameSite=Strict; Path=/` }).end();
    } else if (req.method === 'DELETE') {
      const match = /octokube_session=([^;]+)/.exec(req.headers.cookie ?? '');
      if (match?.[1] !== undefined) this.sessions.delete(match[1]);
      res.writeHead(204, { 'Set-Cookie': 'octokube_session=; HttpOnly; Path=/; Max-Age=0' }).end();
    } else {
      res.writeHead(405).end();
    }
  }
}

function send(socket: WebSocket, message: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
