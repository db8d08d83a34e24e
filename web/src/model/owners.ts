import type { ObjectMap } from '../sync/objectMap';
import type { KubeObject } from '../sync/protocol';
import { resourceOfKind, resourceType } from './catalogue';
import { naturalCompare } from './naturalOrder';

/** A reference to an object the IDE may link to; `resource` is null for kinds it does not know. */
export type ObjectLink = {
  readonly resource: string | null;
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly controller: boolean;
};

/**
 * The resources whose objects a kind owns, by the controllers' usual ownerReferences: a
 * Deployment owns ReplicaSets, which own Pods; a CronJob owns Jobs, which own Pods.
 */
export const OWNED_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  'deployments.apps': ['replicasets.apps'],
  'replicasets.apps': ['pods'],
  'statefulsets.apps': ['pods'],
  'daemonsets.apps': ['pods'],
  'jobs.batch': ['pods'],
  'cronjobs.batch': ['jobs.batch'],
};

/**
 * An object's owners, from its ownerReferences. Owners live in the object's namespace, or are
 * cluster-scoped (a Node owning a mirror pod).
 */
export function ownersOf(object: KubeObject): ObjectLink[] {
  return (object.metadata.ownerReferences ?? []).map((ref) => {
    const type = resourceOfKind(ref.apiVersion, ref.kind);
    const namespace = type?.namespaced === false ? undefined : object.metadata.namespace;
    return {
      resource: type?.resource ?? null,
      key: namespace ? `${namespace}/${ref.name}` : ref.name,
      kind: ref.kind,
      name: ref.name,
      controller: ref.controller === true,
    };
  });
}

type OwnerIndex = Map<string, string[]>;
const indexes = new WeakMap<ObjectMap<KubeObject>, OwnerIndex>();

/**
 * The index of `objects` by owner ("Kind namespace/name"), built once per map: a resource's
 * objects map is immutable and replaced when anything changes, so it is the right cache key.
 */
function ownerIndex(objects: ObjectMap<KubeObject>): OwnerIndex {
  let index = indexes.get(objects);
  if (index === undefined) {
    index = new Map();
    for (const [key, object] of objects) {
      for (const ref of object.metadata.ownerReferences ?? []) {
        const id = `${ref.kind} ${object.metadata.namespace ?? ''}/${ref.name}`;
        const keys = index.get(id);
        if (keys === undefined) {
          index.set(id, [key]);
        } else {
          keys.push(key);
        }
      }
    }
    indexes.set(objects, index);
  }
  return index;
}

/** The objects of `resource` (held as `objects`) that `owner`, of kind `ownerKind`, owns. */
export function ownedBy(
  owner: KubeObject,
  ownerKind: string,
  resource: string,
  objects: ObjectMap<KubeObject>,
): ObjectLink[] {
  const keys = ownerIndex(objects).get(`${ownerKind} ${owner.metadata.namespace ?? ''}/${owner.metadata.name}`) ?? [];
  const kind = resourceType(resource).kind;
  return keys
    .map((key) => {
      const object = objects.get(key);
      return {
        resource,
        key,
        kind: object?.kind !== undefined && typeof object.kind === 'string' ? object.kind : kind,
        name: object?.metadata.name ?? key,
        controller: true,
      };
    })
    .sort((a, b) => naturalCompare(a.name, b.name));
}
