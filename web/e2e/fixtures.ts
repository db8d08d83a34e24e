import type { KubeObject } from './mockBackend';

/** Objects shaped like the Agent's projections (docs/projections.md), small but realistic. */

const created = new Date(Date.now() - 3_600_000).toISOString();

export function pod(
  namespace: string,
  name: string,
  options: { owner?: string; restarts?: number; phase?: string } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      labels: { app: name.split('-')[0] ?? name },
      creationTimestamp: created,
      ...(options.owner
        ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: options.owner, controller: true }] }
        : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'registry.example/app:1.0' }] },
    status: {
      phase: options.phase ?? 'Running',
      containerStatuses: [
        { name: 'app', ready: true, restartCount: options.restarts ?? 0, state: { running: { startedAt: created } } },
      ],
    },
  };
}

export function deployment(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, uid: `uid-${name}`, creationTimestamp: created, labels: { app: name } },
    spec: { replicas: 2, selector: { matchLabels: { app: name } } },
    status: { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  };
}

export function replicaSet(namespace: string, name: string, owner: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace,
      creationTimestamp: created,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, controller: true }],
    },
    spec: { replicas: 2 },
    status: { replicas: 2, readyReplicas: 2 },
  };
}

export function event(
  namespace: string,
  name: string,
  kind: string,
  object: string,
  reason: string,
  message: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, creationTimestamp: created },
    type: 'Normal',
    reason,
    message,
    involvedObject: { kind, namespace, name: object },
    lastTimestamp: new Date(Date.now() - 60_000).toISOString(),
  };
}
