import type { Json, KubeObject } from '../sync/protocol';

/**
 * Writes a projected object as YAML, the way `kubectl get -o yaml` reads: block style, keys in
 * the object's own order. Strings that YAML would read as something else (numbers, booleans,
 * null, text with special characters or line breaks) are written double-quoted in JSON's escape
 * syntax, which YAML's double-quoted style accepts as is.
 */
export function toYaml(value: Json | KubeObject): string {
  const lines: string[] = [];
  write(value as Json, 0, lines);
  return lines.join('\n') + '\n';
}

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9 _./:@=+-]*$/;
const AMBIGUOUS =
  /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/i;

export function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain =
    PLAIN.test(value) &&
    !AMBIGUOUS.test(value) &&
    !value.endsWith(' ') &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !value.endsWith(':');
  return plain ? value : JSON.stringify(value);
}

function isCollection(value: Json | undefined): value is readonly Json[] | { readonly [k: string]: Json | undefined } {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: readonly Json[] | { readonly [k: string]: Json | undefined }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function write(value: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (!isCollection(value)) {
    lines.push(pad + scalar(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) {
      writeItem(item, indent, lines);
    }
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const head = `${pad}${scalar(key)}:`;
    if (!isCollection(child)) {
      lines.push(`${head} ${scalar(child)}`);
    } else if (isEmpty(child)) {
      lines.push(`${head} ${Array.isArray(child) ? '[]' : '{}'}`);
    } else {
      lines.push(head);
      // Sequences under a key sit at the key's indentation, as kubectl writes them.
      write(child, Array.isArray(child) ? indent : indent + 2, lines);
    }
  }
}

/** A sequence item: `- scalar`, or a collection whose first line shares the dash's line. */
function writeItem(item: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (!isCollection(item) || isEmpty(item)) {
    lines.push(`${pad}- ${isCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
    return;
  }
  const nested: string[] = [];
  write(item, indent + 2, nested);
  const first = nested[0] ?? '';
  lines.push(`${pad}- ${first.slice(indent + 2)}`, ...nested.slice(1));
}
