/**
 * The client protocol on `/api/v1/stream` (docs/protocol.md; the Java records in
 * `protocol/…/client` are the executable form): the frames the Backend sends, decoded and
 * validated, and the frames the IDE sends. A frame that fails validation is refused whole, never
 * applied in part: half a snapshot is worse than none.
 */

export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export type JsonObject = { readonly [key: string]: Json | undefined };

export type OwnerReference = {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly controller?: boolean;
};

/** The metadata every projection carries (docs/projections.md). */
export type ObjectMeta = {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly ownerReferences?: readonly OwnerReference[];
  readonly creationTimestamp?: string;
  readonly deletionTimestamp?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
};

/** A projected object: metadata plus the spec and status fields its kind keeps. */
export type KubeObject = { readonly metadata: ObjectMeta; readonly [key: string]: Json | undefined };

export type ClusterInfo = {
  readonly cluster: string;
  readonly connected: boolean;
  readonly epoch: string | null;
  readonly version: number;
  readonly resources: readonly string[];
};

export type Change =
  | { readonly resource: string; readonly type: 'upsert'; readonly key: string; readonly object: KubeObject }
  | { readonly resource: string; readonly type: 'delete'; readonly key: string };

export type HelloMessage = {
  readonly op: 'hello';
  readonly user: string;
  readonly demo: boolean;
  readonly clusters: readonly ClusterInfo[];
};
export type SnapshotMessage = {
  readonly op: 'snapshot';
  readonly cluster: string;
  readonly resource: string;
  readonly epoch: string;
  readonly version: number;
  readonly items: readonly KubeObject[];
};
export type DeltaMessage = {
  readonly op: 'delta';
  readonly cluster: string;
  readonly epoch: string;
  readonly from: number;
  readonly to: number;
  readonly changes: readonly Change[];
};
export type ClusterMessage = {
  readonly op: 'cluster';
  readonly cluster: string;
  readonly connected: boolean;
  readonly epoch: string | null;
};
export type ErrorMessage = {
  readonly op: 'error';
  readonly code: string;
  readonly message: string;
  readonly cluster: string | null;
  readonly resource: string | null;
};
export type ServerMessage = HelloMessage | SnapshotMessage | DeltaMessage | ClusterMessage | ErrorMessage;

export type ClientRequest = {
  readonly op: 'subscribe' | 'unsubscribe' | 'resync';
  readonly cluster: string;
  readonly resource: string;
};

/**
 * A refused frame. When the frame named a cluster (and resource) they are kept, so the engine can
 * repair exactly what the bad frame may have touched.
 */
export type DecodeFailure = {
  readonly reason: string;
  readonly op: string | null;
  readonly cluster: string | null;
  readonly resource: string | null;
};

export type Decoded = { readonly ok: true; readonly message: ServerMessage } | ({ readonly ok: false } & DecodeFailure);

/** Thrown inside the decoder only; `decodeServerMessage` turns it into a failure value. */
class Invalid extends Error {}

export function decodeServerMessage(text: string): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON', op: null, cluster: null, resource: null };
  }
  if (!isRecord(raw)) {
    return { ok: false, reason: 'not a JSON object', op: null, cluster: null, resource: null };
  }
  try {
    return { ok: true, message: decodeFrame(raw) };
  } catch (e) {
    if (!(e instanceof Invalid)) {
      throw e;
    }
    return {
      ok: false,
      reason: e.message,
      op: typeof raw.op === 'string' ? raw.op : null,
      cluster: typeof raw.cluster === 'string' ? raw.cluster : null,
      resource: typeof raw.resource === 'string' ? raw.resource : null,
    };
  }
}

/** What a binary frame decodes to: the protocol is text only (docs/protocol.md). */
export function binaryFrame(): Decoded {
  return { ok: false, reason: 'binary frame', op: null, cluster: null, resource: null };
}

export function encodeClientRequest(request: ClientRequest): string {
  return JSON.stringify({ op: request.op, cluster: request.cluster, resource: request.resource });
}

function decodeFrame(raw: Record<string, unknown>): ServerMessage {
  switch (raw.op) {
    case 'hello':
      return {
        op: 'hello',
        user: text(raw, 'user'),
        demo: raw.demo === undefined || raw.demo === null ? false : bool(raw, 'demo'),
        clusters: list(raw, 'clusters').map(clusterInfo),
      };
    case 'snapshot':
      return {
        op: 'snapshot',
        cluster: text(raw, 'cluster'),
        resource: text(raw, 'resource'),
        epoch: text(raw, 'epoch'),
        version: version(raw, 'version'),
        items: list(raw, 'items').map(kubeObject),
      };
    case 'delta':
      return delta(raw);
    case 'cluster': {
      const connected = bool(raw, 'connected');
      const epoch = optionalText(raw, 'epoch');
      if (connected && epoch === null) {
        throw new Invalid('a connected cluster needs an epoch');
      }
      return { op: 'cluster', cluster: text(raw, 'cluster'), connected, epoch };
    }
    case 'error': {
      const cluster = optionalText(raw, 'cluster');
      const resource = optionalText(raw, 'resource');
      if (resource !== null && cluster === null) {
        throw new Invalid('an error naming a resource must name its cluster');
      }
      return { op: 'error', code: text(raw, 'code'), message: str(raw, 'message'), cluster, resource };
    }
    default:
      throw new Invalid(typeof raw.op === 'string' ? `unknown op "${raw.op.slice(0, 40)}"` : 'missing op');
  }
}

function delta(raw: Record<string, unknown>): DeltaMessage {
  const from = version(raw, 'from');
  const to = version(raw, 'to');
  if (from < 1 || from > to) {
    throw new Invalid('delta needs 1 <= from <= to');
  }
  return {
    op: 'delta',
    cluster: text(raw, 'cluster'),
    epoch: text(raw, 'epoch'),
    from,
    to,
    changes: list(raw, 'changes').map(change),
  };
}

function clusterInfo(value: unknown): ClusterInfo {
  const raw = record(value, 'cluster');
  const connected = bool(raw, 'connected');
  const epoch = optionalText(raw, 'epoch');
  if (connected && epoch === null) {
    throw new Invalid('a connected cluster needs an epoch');
  }
  return {
    cluster: text(raw, 'cluster'),
    connected,
    epoch,
    version: version(raw, 'version'),
    resources: list(raw, 'resources').map((r) => {
      if (typeof r !== 'string' || r === '') {
        throw new Invalid('resources must be names');
      }
      return r;
    }),
  };
}

function change(value: unknown): Change {
  const raw = record(value, 'change');
  const resource = text(raw, 'resource');
  const key = text(raw, 'key');
  if (raw.type === 'upsert') {
    return { resource, type: 'upsert', key, object: kubeObject(raw.object) };
  }
  if (raw.type === 'delete') {
    return { resource, type: 'delete', key };
  }
  throw new Invalid('change type must be upsert or delete');
}

/**
 * Checks what the IDE relies on (a name, string labels, well-formed owner references) and keeps
 * the parsed value as it is: projections are plain JSON, so no copy is needed.
 */
function kubeObject(value: unknown): KubeObject {
  const raw = record(value, 'object');
  const meta = record(raw.metadata, 'metadata');
  text(meta, 'name');
  if (meta.namespace !== undefined) {
    text(meta, 'namespace');
  }
  for (const field of ['labels', 'annotations']) {
    if (meta[field] !== undefined && !Object.values(record(meta[field], field)).every((v) => typeof v === 'string')) {
      throw new Invalid(`${field} must map strings to strings`);
    }
  }
  if (meta.ownerReferences !== undefined) {
    for (const owner of list(meta, 'ownerReferences')) {
      const ref = record(owner, 'ownerReference');
      text(ref, 'kind');
      text(ref, 'name');
    }
  }
  return raw as KubeObject;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new Invalid(`${what} must be an object`);
  }
  return value;
}

function str(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string') {
    throw new Invalid(`${field} must be a string`);
  }
  return value;
}

function text(raw: Record<string, unknown>, field: string): string {
  const value = str(raw, field);
  if (value === '') {
    throw new Invalid(`${field} must not be empty`);
  }
  return value;
}

function optionalText(raw: Record<string, unknown>, field: string): string | null {
  return raw[field] === undefined || raw[field] === null ? null : text(raw, field);
}

function bool(raw: Record<string, unknown>, field: string): boolean {
  const value = raw[field];
  if (typeof value !== 'boolean') {
    throw new Invalid(`${field} must be true or false`);
  }
  return value;
}

function version(raw: Record<string, unknown>, field: string): number {
  const value = raw[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Invalid(`${field} must be a non-negative integer`);
  }
  return value;
}

function list(raw: Record<string, unknown>, field: string): readonly unknown[] {
  const value = raw[field];
  if (!Array.isArray(value)) {
    throw new Invalid(`${field} must be a list`);
  }
  return value;
}
