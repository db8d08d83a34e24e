import type { Json, JsonObject, KubeObject } from '../sync/protocol';

/** Reads a dotted path of plain fields from a projected object; undefined when any step is absent. */
export function field(value: Json | KubeObject | undefined, path: string): Json | undefined {
  let current: Json | KubeObject | undefined = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      return undefined;
    }
    current = (current as JsonObject)[part];
  }
  return current;
}

export function text(value: Json | KubeObject | undefined, path: string): string | undefined {
  const v = field(value, path);
  return typeof v === 'string' ? v : undefined;
}

export function num(value: Json | KubeObject | undefined, path: string): number | undefined {
  const v = field(value, path);
  return typeof v === 'number' ? v : undefined;
}

export function bool(value: Json | KubeObject | undefined, path: string): boolean | undefined {
  const v = field(value, path);
  return typeof v === 'boolean' ? v : undefined;
}

export function list(value: Json | KubeObject | undefined, path: string): readonly Json[] {
  const v = field(value, path);
  return Array.isArray(v) ? v : [];
}

export function object(value: Json | KubeObject | undefined, path: string): JsonObject | undefined {
  const v = field(value, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** The condition of a given type in `status.conditions`, if any. */
export function condition(value: KubeObject, type: string): JsonObject | undefined {
  return list(value, 'status.conditions').find((c): c is JsonObject => text(c, 'type') === type) as
    JsonObject | undefined;
}

/** A timestamp field as epoch milliseconds, or undefined. */
export function time(value: Json | KubeObject | undefined, path: string): number | undefined {
  const t = text(value, path);
  if (t === undefined) {
    return undefined;
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
