import type { ObjectMap } from '../sync/objectMap';
import type { KubeObject } from '../sync/protocol';
import { text, time } from './fields';

const indexes = new WeakMap<ObjectMap<KubeObject>, Map<string, KubeObject[]>>();

/** When an event was last seen: the newest of its timestamps that is set. */
export function lastSeen(event: KubeObject): number {
  return time(event, 'lastTimestamp') ?? time(event, 'eventTime') ?? time(event, 'firstTimestamp') ?? 0;
}

/**
 * The events whose involvedObject is `object` (of kind `kind`), newest first, at most `limit`.
 * Matched by kind, namespace and name, and by uid when both sides carry one, so the events of a
 * deleted and recreated object of the same name are not mixed with the new one's.
 */
export function eventsFor(object: KubeObject, kind: string, events: ObjectMap<KubeObject>, limit = 50): KubeObject[] {
  let index = indexes.get(events);
  if (index === undefined) {
    index = new Map();
    for (const event of events.values()) {
      const id = `${text(event, 'involvedObject.kind') ?? ''} ${text(event, 'involvedObject.namespace') ?? ''}/${
        text(event, 'involvedObject.name') ?? ''
      }`;
      const list = index.get(id);
      if (list === undefined) {
        index.set(id, [event]);
      } else {
        list.push(event);
      }
    }
    indexes.set(events, index);
  }
  const uid = object.metadata.uid;
  return (index.get(`${kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`) ?? [])
    .filter((e) => {
      const involved = text(e, 'involvedObject.uid');
      return uid === undefined || involved === undefined || involved === uid;
    })
    .sort((a, b) => lastSeen(b) - lastSeen(a))
    .slice(0, limit);
}
