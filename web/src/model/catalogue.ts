/**
 * The resource types the IDE knows by name: the built-in kinds the Agent projects
 * (docs/projections.md, agent BuiltinResources), grouped as kubectl's and the dashboards'
 * navigators group them. Any other resource name is a custom resource.
 */

export type ResourceGroup =
  'Workloads' | 'Networking' | 'Config' | 'Storage' | 'Cluster' | 'Access Control' | 'Custom Resources';

export const GROUP_ORDER: readonly ResourceGroup[] = [
  'Workloads',
  'Networking',
  'Config',
  'Storage',
  'Cluster',
  'Access Control',
  'Custom Resources',
];

export type ResourceType = {
  /** As kubectl names it: plural, then `.group` when not core. */
  readonly resource: string;
  readonly kind: string;
  /** The API group ('' for core). */
  readonly group: string;
  /** The navigator's label. */
  readonly label: string;
  readonly section: ResourceGroup;
  /** Null for custom resources, whose scope the IDE learns from their objects. */
  readonly namespaced: boolean | null;
  readonly builtin: boolean;
};

const builtin = (
  resource: string,
  kind: string,
  label: string,
  section: ResourceGroup,
  namespaced: boolean,
): ResourceType => ({ resource, kind, group: groupOf(resource), label, section, namespaced, builtin: true });

const BUILTINS: readonly ResourceType[] = [
  builtin('pods', 'Pod', 'Pods', 'Workloads', true),
  builtin('deployments.apps', 'Deployment', 'Deployments', 'Workloads', true),
  builtin('replicasets.apps', 'ReplicaSet', 'ReplicaSets', 'Workloads', true),
  builtin('statefulsets.apps', 'StatefulSet', 'StatefulSets', 'Workloads', true),
  builtin('daemonsets.apps', 'DaemonSet', 'DaemonSets', 'Workloads', true),
  builtin('jobs.batch', 'Job', 'Jobs', 'Workloads', true),
  builtin('cronjobs.batch', 'CronJob', 'CronJobs', 'Workloads', true),
  builtin('services', 'Service', 'Services', 'Networking', true),
  builtin('endpointslices.discovery.k8s.io', 'EndpointSlice', 'EndpointSlices', 'Networking', true),
  builtin('ingresses.networking.k8s.io', 'Ingress', 'Ingresses', 'Networking', true),
  builtin('configmaps', 'ConfigMap', 'ConfigMaps', 'Config', true),
  builtin('secrets', 'Secret', 'Secrets', 'Config', true),
  builtin('persistentvolumeclaims', 'PersistentVolumeClaim', 'PersistentVolumeClaims', 'Storage', true),
  builtin('persistentvolumes', 'PersistentVolume', 'PersistentVolumes', 'Storage', false),
  builtin('storageclasses.storage.k8s.io', 'StorageClass', 'StorageClasses', 'Storage', false),
  builtin('nodes', 'Node', 'Nodes', 'Cluster', false),
  builtin('namespaces', 'Namespace', 'Namespaces', 'Cluster', false),
  builtin('events', 'Event', 'Events', 'Cluster', true),
  builtin('serviceaccounts', 'ServiceAccount', 'ServiceAccounts', 'Access Control', true),
  builtin('roles.rbac.authorization.k8s.io', 'Role', 'Roles', 'Access Control', true),
  builtin('rolebindings.rbac.authorization.k8s.io', 'RoleBinding', 'RoleBindings', 'Access Control', true),
  builtin('clusterroles.rbac.authorization.k8s.io', 'ClusterRole', 'ClusterRoles', 'Access Control', false),
  builtin(
    'clusterrolebindings.rbac.authorization.k8s.io',
    'ClusterRoleBinding',
    'ClusterRoleBindings',
    'Access Control',
    false,
  ),
  builtin(
    'customresourcedefinitions.apiextensions.k8s.io',
    'CustomResourceDefinition',
    'Definitions',
    'Custom Resources',
    false,
  ),
];

const BY_RESOURCE = new Map(BUILTINS.map((t) => [t.resource, t]));
const BY_KIND = new Map(BUILTINS.map((t) => [`${t.group}/${t.kind}`, t]));

export function groupOf(resource: string): string {
  const dot = resource.indexOf('.');
  return dot < 0 ? '' : resource.slice(dot + 1);
}

/** Everything the IDE knows of a resource name; a custom resource gets a generic description. */
export function resourceType(resource: string): ResourceType {
  const known = BY_RESOURCE.get(resource);
  if (known !== undefined) {
    return known;
  }
  const dot = resource.indexOf('.');
  const plural = dot < 0 ? resource : resource.slice(0, dot);
  return {
    resource,
    kind: '',
    group: groupOf(resource),
    label: plural.charAt(0).toUpperCase() + plural.slice(1),
    section: 'Custom Resources',
    namespaced: null,
    builtin: false,
  };
}

/**
 * The built-in resource of an owner reference or involved object, from its apiVersion and kind;
 * undefined for kinds the IDE does not know (custom resources).
 */
export function resourceOfKind(apiVersion: string | undefined, kind: string): ResourceType | undefined {
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return BY_KIND.get(`${group}/${kind}`);
}

/** The resources the hello lists, by navigator section, in the sections' and catalogue's order. */
export function navigatorSections(resources: readonly string[]): { section: ResourceGroup; types: ResourceType[] }[] {
  const order = new Map(BUILTINS.map((t, i) => [t.resource, i]));
  const types = resources.map(resourceType).sort((a, b) => {
    const ia = order.get(a.resource) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b.resource) ?? Number.MAX_SAFE_INTEGER;
    return ia - ib || a.resource.localeCompare(b.resource);
  });
  return GROUP_ORDER.map((section) => ({ section, types: types.filter((t) => t.section === section) })).filter(
    (s) => s.types.length > 0,
  );
}
