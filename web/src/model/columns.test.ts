import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../sync/protocol';
import { columnsFor, display } from './columns';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const created = '2026-05-01T11:00:00Z';

function row(resource: string, object: Omit<KubeObject, 'metadata'> & { metadata?: Partial<KubeObject['metadata']> }) {
  const full = {
    ...object,
    metadata: { name: 'x', namespace: 'ns', creationTimestamp: created, ...object.metadata },
  } as KubeObject;
  const columns = columnsFor(resource);
  return Object.fromEntries(columns.map((c) => [c.title, display(c, c.value(full), NOW)]));
}

describe('columns per kind', () => {
  it('shows pods as kubectl get pods does', () => {
    expect(
      row('pods', {
        spec: { nodeName: 'node-1', containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: true, restartCount: 2, state: { running: { startedAt: created } } },
            { name: 'b', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      }),
    ).toEqual({
      Name: 'x',
      Namespace: 'ns',
      Ready: '1/2',
      Status: 'CrashLoopBackOff',
      Restarts: '3',
      Age: '60m',
      Node: 'node-1',
    });
  });

  it('shows deployments with ready, up-to-date and available', () => {
    expect(
      row('deployments.apps', {
        spec: { replicas: 3 },
        status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      }),
    ).toEqual({ Name: 'x', Namespace: 'ns', Ready: '2/3', 'Up-to-date': '3', Available: '2', Age: '60m' });
  });

  it('shows zero for a scaled-down deployment without status counts', () => {
    expect(row('deployments.apps', { spec: { replicas: 0 }, status: {} })).toMatchObject({
      Ready: '0/0',
      Available: '0',
    });
  });

  it('shows replica sets, stateful sets and daemon sets with their counts', () => {
    expect(row('replicasets.apps', { spec: { replicas: 3 }, status: { replicas: 3, readyReplicas: 1 } })).toMatchObject(
      {
        Desired: '3',
        Current: '3',
        Ready: '1',
      },
    );
    expect(row('statefulsets.apps', { spec: { replicas: 3 }, status: { readyReplicas: 3 } })).toMatchObject({
      Ready: '3/3',
    });
    expect(
      row('daemonsets.apps', {
        status: {
          desiredNumberScheduled: 5,
          currentNumberScheduled: 5,
          numberReady: 4,
          updatedNumberScheduled: 5,
          numberAvailable: 4,
        },
      }),
    ).toMatchObject({ Desired: '5', Current: '5', Ready: '4', 'Up-to-date': '5', Available: '4' });
  });

  it('shows jobs with status, completions and duration, and cron jobs with schedule and activity', () => {
    expect(
      row('jobs.batch', {
        spec: { completions: 3 },
        status: {
          succeeded: 3,
          startTime: '2026-05-01T11:00:00Z',
          completionTime: '2026-05-01T11:02:05Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      }),
    ).toMatchObject({ Status: 'Complete', Completions: '3/3', Duration: '2m5s' });
    expect(
      row('cronjobs.batch', {
        spec: { schedule: '*/5 * * * *', suspend: false },
        status: { active: [{ name: 'j' }], lastScheduleTime: '2026-05-01T11:55:00Z' },
      }),
    ).toMatchObject({
      Schedule: '*/5 * * * *',
      Suspend: 'false',
      Active: '1',
      'Last schedule': '5m',
      Timezone: '<none>',
    });
  });

  it('shows services with type, addresses and ports', () => {
    expect(
      row('services', {
        spec: {
          type: 'LoadBalancer',
          clusterIP: '10.0.0.1',
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } },
      }),
    ).toMatchObject({
      Type: 'LoadBalancer',
      'Cluster-IP': '10.0.0.1',
      'External-IP': '203.0.113.7',
      Ports: '80:30080/TCP,53/UDP',
    });
    expect(row('services', { spec: { type: 'LoadBalancer', ports: [] } })).toMatchObject({
      'External-IP': '<pending>',
      Ports: '<none>',
    });
  });

  it('shows ingresses, endpoint slices, config maps and secrets', () => {
    expect(
      row('ingresses.networking.k8s.io', {
        spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example' }, { host: 'b.example' }], tls: [{}] },
      }),
    ).toMatchObject({ Class: 'nginx', Hosts: 'a.example,b.example', Ports: '80, 443' });
    expect(
      row('endpointslices.discovery.k8s.io', {
        addressType: 'IPv4',
        ports: [{ port: 8080 }],
        endpoints: [
          { addresses: ['10.0.0.1'] },
          { addresses: ['10.0.0.2'] },
          { addresses: ['10.0.0.3'] },
          { addresses: ['10.0.0.4'] },
        ],
      }),
    ).toMatchObject({ Ports: '8080', Endpoints: '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more…' });
    expect(row('configmaps', { data: ['a', 'b'], binaryData: ['c'] })).toMatchObject({ Data: '3' });
    expect(row('secrets', { type: 'kubernetes.io/tls', data: ['tls.crt', 'tls.key'] })).toMatchObject({
      Type: 'kubernetes.io/tls',
      Data: '2',
    });
  });

  it('shows storage kinds with capacity, short access modes and claims', () => {
    expect(
      row('persistentvolumeclaims', {
        spec: { volumeName: 'pv-1', storageClassName: 'fast' },
        status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] },
      }),
    ).toMatchObject({
      Status: 'Bound',
      Volume: 'pv-1',
      Capacity: '10Gi',
      'Access modes': 'RWO,ROX',
      StorageClass: 'fast',
    });
    expect(
      row('persistentvolumes', {
        metadata: { namespace: undefined },
        spec: {
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteMany'],
          persistentVolumeReclaimPolicy: 'Retain',
          claimRef: { namespace: 'db', name: 'data' },
        },
        status: { phase: 'Bound' },
      }),
    ).toMatchObject({ Capacity: '5Gi', 'Access modes': 'RWX', 'Reclaim policy': 'Retain', Claim: 'db/data' });
    expect(
      row('storageclasses.storage.k8s.io', {
        metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'csi.example',
      }),
    ).toMatchObject({
      Name: 'x (default)',
      Provisioner: 'csi.example',
      'Reclaim policy': 'Delete',
      'Volume binding mode': 'Immediate',
    });
  });

  it('shows nodes with readiness, roles and kubelet version', () => {
    expect(
      row('nodes', {
        metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/worker': '' } },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
      }),
    ).toEqual({
      Name: 'x',
      Status: 'Ready,SchedulingDisabled',
      Roles: 'control-plane,worker',
      Age: '60m',
      Version: 'v1.33.1',
    });
  });

  it('shows events with when, what and about which object', () => {
    expect(
      row('events', {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        involvedObject: { kind: 'Pod', name: 'api-1' },
        lastTimestamp: '2026-05-01T11:59:30Z',
      }),
    ).toEqual({
      'Last seen': '30s',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/api-1',
      Message: 'Back-off restarting failed container',
      Namespace: 'ns',
    });
  });

  it('shows access-control kinds with their role and subjects', () => {
    expect(
      row('rolebindings.rbac.authorization.k8s.io', {
        roleRef: { kind: 'ClusterRole', name: 'view' },
        subjects: [
          { kind: 'User', name: 'alice' },
          { kind: 'Group', name: 'devs' },
        ],
      }),
    ).toMatchObject({ Role: 'ClusterRole/view', Subjects: 'User/alice,Group/devs' });
    expect(row('roles.rbac.authorization.k8s.io', { rules: [{}, {}] })).toMatchObject({ Rules: '2' });
    expect(row('serviceaccounts', { secrets: [{ name: 't' }] })).toMatchObject({ Secrets: '1' });
    expect(row('namespaces', { status: { phase: 'Active' } })).toMatchObject({ Status: 'Active' });
  });

  it('shows custom resource definitions with group, kind, scope and versions', () => {
    expect(
      row('customresourcedefinitions.apiextensions.k8s.io', {
        spec: {
          group: 'example.com',
          names: { kind: 'Widget' },
          scope: 'Namespaced',
          versions: [{ name: 'v1' }, { name: 'v2' }],
        },
      }),
    ).toMatchObject({ Group: 'example.com', Kind: 'Widget', Scope: 'Namespaced', Versions: 'v1,v2' });
  });

  it('gives custom resources generic columns with a status from their phase or Ready condition', () => {
    expect(row('widgets.example.com', { status: { phase: 'Spinning' } })).toEqual({
      Name: 'x',
      Namespace: 'ns',
      Status: 'Spinning',
      Age: '60m',
    });
    expect(row('widgets.example.com', { status: { conditions: [{ type: 'Ready', status: 'False' }] } })).toMatchObject({
      Status: 'NotReady',
    });
    expect(columnsFor('clusterwidgets.example.com', false).map((c) => c.title)).toEqual(['Name', 'Status', 'Age']);
  });
});
