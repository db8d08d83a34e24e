import type { Json, KubeObject } from '../sync/protocol';
import { resourceType } from './catalogue';
import { bool, condition, list, num, text, time } from './fields';
import { formatDuration } from './format';
import { podReady, podRestarts, podStatus } from './podStatus';

/** A number sorts numerically, a string in natural order ("pod-9" before "pod-10"); null sorts last. */
export type CellValue = string | number | null;

export type Column = {
  readonly id: string;
  readonly title: string;
  /** A CSS grid track: the table lays its rows out as one grid. */
  readonly width: string;
  readonly align?: 'end';
  /** `age`: the value is a timestamp (epoch ms) shown as an age, and sorts youngest first. */
  readonly format?: 'age';
  value(object: KubeObject): CellValue;
};

const col = (
  id: string,
  title: string,
  width: string,
  value: Column['value'],
  extra: Partial<Column> = {},
): Column => ({
  id,
  title,
  width,
  value,
  ...extra,
});
const count = (id: string, title: string, value: Column['value']) => col(id, title, '76px', value, { align: 'end' });
const ratio = (a: number | undefined, b: number | undefined) => `${a ?? 0}/${b ?? 0}`;
const joined = (values: readonly Json[], empty = '<none>') => {
  const strings = values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return strings.length === 0 ? empty : strings.join(',');
};

const NAME = col('name', 'Name', 'minmax(180px, 3fr)', (o) => o.metadata.name);
const NAMESPACE = col('namespace', 'Namespace', 'minmax(110px, 1fr)', (o) => o.metadata.namespace ?? null);
const AGE = col('age', 'Age', '80px', (o) => time(o, 'metadata.creationTimestamp') ?? null, {
  format: 'age',
  align: 'end',
});

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const accessModes = (o: KubeObject, path: string) =>
  joined(
    list(o, path).map((m) => (typeof m === 'string' ? (ACCESS_MODES[m] ?? m) : null)),
    '',
  );

function servicePorts(o: KubeObject): string {
  const ports = list(o, 'spec.ports').map((p) => {
    const port = num(p, 'port');
    const nodePort = num(p, 'nodePort');
    return `${port}${nodePort !== undefined ? `:${nodePort}` : ''}/${text(p, 'protocol') ?? 'TCP'}`;
  });
  return ports.length === 0 ? '<none>' : ports.join(',');
}

function loadBalancer(o: KubeObject): string {
  return joined(
    list(o, 'status.loadBalancer.ingress').map((i) => text(i, 'ip') ?? text(i, 'hostname') ?? null),
    '',
  );
}

function externalIp(o: KubeObject): string {
  const type = text(o, 'spec.type');
  const external = [...list(o, 'spec.externalIPs')];
  if (type === 'ExternalName') {
    return text(o, 'spec.externalName') ?? '<none>';
  }
  if (type === 'LoadBalancer') {
    const lb = loadBalancer(o);
    return lb !== '' ? lb : external.length > 0 ? joined(external) : '<pending>';
  }
  return joined(external);
}

function jobStatus(o: KubeObject): string {
  for (const type of ['Failed', 'Complete', 'Suspended', 'FailureTarget', 'SuccessCriteriaMet']) {
    if (text(condition(o, type) ?? null, 'status') === 'True') {
      return type === 'FailureTarget' ? 'Failing' : type === 'SuccessCriteriaMet' ? 'Completing' : type;
    }
  }
  return bool(o, 'spec.suspend') === true ? 'Suspended' : 'Running';
}

function jobDuration(o: KubeObject): number | null {
  const start = time(o, 'status.startTime');
  if (start === undefined) {
    return null;
  }
  return (time(o, 'status.completionTime') ?? Date.now()) - start;
}

function nodeStatus(o: KubeObject): string {
  const ready = text(condition(o, 'Ready') ?? null, 'status');
  const status = ready === 'True' ? 'Ready' : ready === undefined ? 'Unknown' : 'NotReady';
  return bool(o, 'spec.unschedulable') === true ? `${status},SchedulingDisabled` : status;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '');
  return roles.length === 0 ? '<none>' : roles.sort().join(',');
}

function subjects(o: KubeObject): string {
  return joined(
    list(o, 'subjects').map((s) => `${text(s, 'kind') ?? ''}/${text(s, 'name') ?? ''}`),
    '',
  );
}

function ingressPorts(o: KubeObject): string {
  return list(o, 'spec.tls').length > 0 ? '80, 443' : '80';
}

function eventObject(o: KubeObject): string {
  return `${text(o, 'involvedObject.kind')?.toLowerCase() ?? ''}/${text(o, 'involvedObject.name') ?? ''}`;
}

function eventLastSeen(o: KubeObject): number | null {
  return time(o, 'lastTimestamp') ?? time(o, 'eventTime') ?? time(o, 'firstTimestamp') ?? null;
}

function genericStatus(o: KubeObject): string | null {
  const phase = text(o, 'status.phase');
  if (phase !== undefined) {
    return phase;
  }
  const ready = condition(o, 'Ready') ?? condition(o, 'Available');
  if (ready === undefined) {
    return null;
  }
  return text(ready, 'status') === 'True' ? (text(ready, 'type') ?? null) : `Not${text(ready, 'type') ?? ''}`;
}

const keysCount = (o: KubeObject) => list(o, 'data').length + list(o, 'binaryData').length;

const COLUMNS: Record<string, readonly Column[]> = {
  pods: [
    NAME,
    NAMESPACE,
    col('ready', 'Ready', '72px', (o) => {
      const { ready, total } = podReady(o);
      return `${ready}/${total}`;
    }),
    col('status', 'Status', 'minmax(110px, 1fr)', podStatus),
    count('restarts', 'Restarts', podRestarts),
    AGE,
    col('node', 'Node', 'minmax(110px, 1fr)', (o) => text(o, 'spec.nodeName') ?? null),
  ],
  'deployments.apps': [
    NAME,
    NAMESPACE,
    col('ready', 'Ready', '80px', (o) => ratio(num(o, 'status.readyReplicas'), num(o, 'spec.replicas'))),
    count('updated', 'Up-to-date', (o) => num(o, 'status.updatedReplicas') ?? 0),
    count('available', 'Available', (o) => num(o, 'status.availableReplicas') ?? 0),
    AGE,
  ],
  'replicasets.apps': [
    NAME,
    NAMESPACE,
    count('desired', 'Desired', (o) => num(o, 'spec.replicas') ?? 0),
    count('current', 'Current', (o) => num(o, 'status.replicas') ?? 0),
    count('ready', 'Ready', (o) => num(o, 'status.readyReplicas') ?? 0),
    AGE,
  ],
  'statefulsets.apps': [
    NAME,
    NAMESPACE,
    col('ready', 'Ready', '80px', (o) => ratio(num(o, 'status.readyReplicas'), num(o, 'spec.replicas'))),
    AGE,
  ],
  'daemonsets.apps': [
    NAME,
    NAMESPACE,
    count('desired', 'Desired', (o) => num(o, 'status.desiredNumberScheduled') ?? 0),
    count('current', 'Current', (o) => num(o, 'status.currentNumberScheduled') ?? 0),
    count('ready', 'Ready', (o) => num(o, 'status.numberReady') ?? 0),
    count('updated', 'Up-to-date', (o) => num(o, 'status.updatedNumberScheduled') ?? 0),
    count('available', 'Available', (o) => num(o, 'status.numberAvailable') ?? 0),
    AGE,
  ],
  'jobs.batch': [
    NAME,
    NAMESPACE,
    col('status', 'Status', '100px', jobStatus),
    col('completions', 'Completions', '100px', (o) =>
      ratio(num(o, 'status.succeeded'), num(o, 'spec.completions') ?? 1),
    ),
    col('duration', 'Duration', '90px', (o) => {
      const d = jobDuration(o);
      return d === null ? null : formatDuration(d);
    }),
    AGE,
  ],
  'cronjobs.batch': [
    NAME,
    NAMESPACE,
    col('schedule', 'Schedule', 'minmax(100px, 1fr)', (o) => text(o, 'spec.schedule') ?? null),
    col('timezone', 'Timezone', '100px', (o) => text(o, 'spec.timeZone') ?? '<none>'),
    col('suspend', 'Suspend', '80px', (o) => String(bool(o, 'spec.suspend') ?? false)),
    count('active', 'Active', (o) => list(o, 'status.active').length),
    col('last', 'Last schedule', '110px', (o) => time(o, 'status.lastScheduleTime') ?? null, {
      format: 'age',
      align: 'end',
    }),
    AGE,
  ],
  services: [
    NAME,
    NAMESPACE,
    col('type', 'Type', '110px', (o) => text(o, 'spec.type') ?? 'ClusterIP'),
    col('clusterIP', 'Cluster-IP', '120px', (o) => text(o, 'spec.clusterIP') ?? '<none>'),
    col('externalIP', 'External-IP', '120px', externalIp),
    col('ports', 'Ports', 'minmax(100px, 1fr)', servicePorts),
    AGE,
  ],
  'endpointslices.discovery.k8s.io': [
    NAME,
    NAMESPACE,
    col('addressType', 'Address type', '100px', (o) => text(o, 'addressType') ?? null),
    col('ports', 'Ports', '100px', (o) =>
      joined(
        list(o, 'ports').map((p) => num(p, 'port') ?? null),
        '<unset>',
      ),
    ),
    col('endpoints', 'Endpoints', 'minmax(140px, 2fr)', (o) => {
      const addresses = list(o, 'endpoints').flatMap((e) => [...list(e, 'addresses')]);
      const shown = joined(addresses.slice(0, 3), '<unset>');
      return addresses.length > 3 ? `${shown} + ${addresses.length - 3} more…` : shown;
    }),
    AGE,
  ],
  'ingresses.networking.k8s.io': [
    NAME,
    NAMESPACE,
    col('class', 'Class', '100px', (o) => text(o, 'spec.ingressClassName') ?? '<none>'),
    col('hosts', 'Hosts', 'minmax(140px, 2fr)', (o) =>
      joined(
        list(o, 'spec.rules').map((r) => text(r, 'host') ?? '*'),
        '*',
      ),
    ),
    col('address', 'Address', '120px', loadBalancer),
    col('ports', 'Ports', '70px', ingressPorts),
    AGE,
  ],
  configmaps: [NAME, NAMESPACE, count('data', 'Data', keysCount), AGE],
  secrets: [
    NAME,
    NAMESPACE,
    col('type', 'Type', 'minmax(140px, 1fr)', (o) => text(o, 'type') ?? 'Opaque'),
    count('data', 'Data', keysCount),
    AGE,
  ],
  persistentvolumeclaims: [
    NAME,
    NAMESPACE,
    col('status', 'Status', '90px', (o) => text(o, 'status.phase') ?? null),
    col('volume', 'Volume', 'minmax(120px, 1fr)', (o) => text(o, 'spec.volumeName') ?? null),
    col('capacity', 'Capacity', '80px', (o) => text(o, 'status.capacity.storage') ?? null),
    col('access', 'Access modes', '100px', (o) => accessModes(o, 'status.accessModes')),
    col('storageClass', 'StorageClass', '120px', (o) => text(o, 'spec.storageClassName') ?? null),
    AGE,
  ],
  persistentvolumes: [
    NAME,
    col('capacity', 'Capacity', '80px', (o) => text(o, 'spec.capacity.storage') ?? null),
    col('access', 'Access modes', '100px', (o) => accessModes(o, 'spec.accessModes')),
    col('reclaim', 'Reclaim policy', '110px', (o) => text(o, 'spec.persistentVolumeReclaimPolicy') ?? null),
    col('status', 'Status', '90px', (o) => text(o, 'status.phase') ?? null),
    col('claim', 'Claim', 'minmax(120px, 1fr)', (o) => {
      const name = text(o, 'spec.claimRef.name');
      return name === undefined ? '' : `${text(o, 'spec.claimRef.namespace') ?? ''}/${name}`;
    }),
    col('storageClass', 'StorageClass', '120px', (o) => text(o, 'spec.storageClassName') ?? null),
    AGE,
  ],
  'storageclasses.storage.k8s.io': [
    col('name', 'Name', 'minmax(180px, 2fr)', (o) =>
      o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'
        ? `${o.metadata.name} (default)`
        : o.metadata.name,
    ),
    col('provisioner', 'Provisioner', 'minmax(140px, 2fr)', (o) => text(o, 'provisioner') ?? null),
    col('reclaim', 'Reclaim policy', '110px', (o) => text(o, 'reclaimPolicy') ?? 'Delete'),
    col('binding', 'Volume binding mode', '150px', (o) => text(o, 'volumeBindingMode') ?? 'Immediate'),
    col('expansion', 'Allow expansion', '110px', (o) => String(bool(o, 'allowVolumeExpansion') ?? false)),
    AGE,
  ],
  nodes: [
    NAME,
    col('status', 'Status', 'minmax(100px, 1fr)', nodeStatus),
    col('roles', 'Roles', 'minmax(100px, 1fr)', nodeRoles),
    AGE,
    col('version', 'Version', '110px', (o) => text(o, 'status.nodeInfo.kubeletVersion') ?? null),
  ],
  namespaces: [NAME, col('status', 'Status', '100px', (o) => text(o, 'status.phase') ?? null), AGE],
  events: [
    col('lastSeen', 'Last seen', '90px', eventLastSeen, { format: 'age', align: 'end' }),
    col('type', 'Type', '80px', (o) => text(o, 'type') ?? null),
    col('reason', 'Reason', 'minmax(110px, 1fr)', (o) => text(o, 'reason') ?? null),
    col('object', 'Object', 'minmax(160px, 2fr)', eventObject),
    col('message', 'Message', 'minmax(200px, 4fr)', (o) => text(o, 'message') ?? null),
    NAMESPACE,
  ],
  serviceaccounts: [NAME, NAMESPACE, count('secrets', 'Secrets', (o) => list(o, 'secrets').length), AGE],
  'roles.rbac.authorization.k8s.io': [NAME, NAMESPACE, count('rules', 'Rules', (o) => list(o, 'rules').length), AGE],
  'clusterroles.rbac.authorization.k8s.io': [NAME, count('rules', 'Rules', (o) => list(o, 'rules').length), AGE],
  'rolebindings.rbac.authorization.k8s.io': [
    NAME,
    NAMESPACE,
    col(
      'role',
      'Role',
      'minmax(140px, 1fr)',
      (o) => `${text(o, 'roleRef.kind') ?? ''}/${text(o, 'roleRef.name') ?? ''}`,
    ),
    col('subjects', 'Subjects', 'minmax(160px, 2fr)', subjects),
    AGE,
  ],
  'clusterrolebindings.rbac.authorization.k8s.io': [
    NAME,
    col(
      'role',
      'Role',
      'minmax(140px, 1fr)',
      (o) => `${text(o, 'roleRef.kind') ?? ''}/${text(o, 'roleRef.name') ?? ''}`,
    ),
    col('subjects', 'Subjects', 'minmax(160px, 2fr)', subjects),
    AGE,
  ],
  'customresourcedefinitions.apiextensions.k8s.io': [
    NAME,
    col('group', 'Group', 'minmax(120px, 1fr)', (o) => text(o, 'spec.group') ?? null),
    col('kind', 'Kind', 'minmax(100px, 1fr)', (o) => text(o, 'spec.names.kind') ?? null),
    col('scope', 'Scope', '100px', (o) => text(o, 'spec.scope') ?? null),
    col('versions', 'Versions', '120px', (o) => joined(list(o, 'spec.versions').map((v) => text(v, 'name') ?? null))),
    AGE,
  ],
};

const GENERIC_STATUS = col('status', 'Status', 'minmax(100px, 1fr)', genericStatus);

/**
 * The columns of a resource's table. Custom resources get name, namespace (when their objects
 * have one), status (phase or Ready condition, the generic projection keeps both) and age.
 */
export function columnsFor(resource: string, namespaced = true): readonly Column[] {
  const known = COLUMNS[resource];
  if (known !== undefined) {
    return known;
  }
  const scoped = resourceType(resource).namespaced ?? namespaced;
  return scoped ? [NAME, NAMESPACE, GENERIC_STATUS, AGE] : [NAME, GENERIC_STATUS, AGE];
}

/** A value as the table shows it, given the time now for ages. */
export function display(column: Column, value: CellValue, now: number): string {
  if (value === null) {
    return '';
  }
  if (column.format === 'age' && typeof value === 'number') {
    return formatDuration(now - value);
  }
  return String(value);
}
