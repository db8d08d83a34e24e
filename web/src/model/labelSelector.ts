/**
 * Kubernetes label selectors, as `kubectl get -l` reads them: comma-separated requirements, each
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`,
 * `key>1` or `key<1`. All requirements must hold. As in Kubernetes, `!=` and `notin` also match
 * objects without the label.
 */

export type Requirement =
  | { readonly key: string; readonly op: 'exists' | 'absent' }
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'gt' | 'lt'; readonly bound: number };

export type Selector = readonly Requirement[];

export type ParsedSelector =
  { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly error: string };

type Labels = { readonly [key: string]: string } | undefined;

// Label keys: an optional DNS-subdomain prefix and a name of at most 63 characters; values: at
// most 63 characters of the same alphabet, or empty.
const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

class SelectorError extends Error {}

export function parseSelector(text: string): ParsedSelector {
  try {
    return { ok: true, selector: new Parser(text).parse() };
  } catch (e) {
    if (e instanceof SelectorError) {
      return { ok: false, error: e.message };
    }
    throw e;
  }
}

export function matches(selector: Selector, labels: Labels): boolean {
  for (const r of selector) {
    const value = labels?.[r.key];
    switch (r.op) {
      case 'exists':
        if (value === undefined) return false;
        break;
      case 'absent':
        if (value !== undefined) return false;
        break;
      case 'in':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = value === undefined || !/^-?\d+$/.test(value) ? NaN : Number(value);
        if (Number.isNaN(n) || (r.op === 'gt' ? !(n > r.bound) : !(n < r.bound))) return false;
        break;
      }
    }
  }
  return true;
}

class Parser {
  private readonly tokens: string[];
  private at = 0;

  constructor(text: string) {
    this.tokens = text.match(/==|!=|[=!(),<>]|[^\s=!(),<>]+/g) ?? [];
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    while (this.at < this.tokens.length) {
      requirements.push(this.requirement());
      if (this.at < this.tokens.length) {
        this.expect(',');
        if (this.at === this.tokens.length) {
          throw new SelectorError('a requirement must follow ","');
        }
      }
    }
    return requirements;
  }

  private requirement(): Requirement {
    if (this.peek() === '!') {
      this.at++;
      return { key: this.key(), op: 'absent' };
    }
    const key = this.key();
    const op = this.peek();
    switch (op) {
      case undefined:
      case ',':
        return { key, op: 'exists' };
      case '=':
      case '==':
        this.at++;
        return { key, op: 'in', values: [this.value()] };
      case '!=':
        this.at++;
        return { key, op: 'notin', values: [this.value()] };
      case 'in':
      case 'notin':
        this.at++;
        return { key, op, values: this.set() };
      case '>':
      case '<': {
        this.at++;
        const bound = this.next('a number');
        if (!/^-?\d+$/.test(bound)) {
          throw new SelectorError(`"${bound}" after "${op}" must be an integer`);
        }
        return { key, op: op === '>' ? 'gt' : 'lt', bound: Number(bound) };
      }
      default:
        throw new SelectorError(`expected an operator after "${key}", found "${op}"`);
    }
  }

  private set(): string[] {
    this.expect('(');
    const values: string[] = [];
    for (;;) {
      values.push(this.value());
      if (this.peek() === ')') {
        this.at++;
        return values;
      }
      this.expect(',');
    }
  }

  private key(): string {
    const key = this.next('a label key');
    const slash = key.indexOf('/');
    const prefix = slash < 0 ? null : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (!NAME.test(name) || (prefix !== null && (prefix.length > 253 || !PREFIX.test(prefix)))) {
      throw new SelectorError(`"${key}" is not a valid label key`);
    }
    return key;
  }

  /** A value; an empty one is allowed where the next token ends it (`key=` or `in (a,)`). */
  private value(): string {
    const token = this.peek();
    if (token === undefined || token === ',' || token === ')') {
      return '';
    }
    this.at++;
    if (!NAME.test(token)) {
      throw new SelectorError(`"${token}" is not a valid label value`);
    }
    return token;
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private next(what: string): string {
    const token = this.tokens[this.at++];
    if (token === undefined || /^[=!(),<>]$|^[!=]=$/.test(token)) {
      throw new SelectorError(`expected ${what}${token === undefined ? ' at the end' : `, found "${token}"`}`);
    }
    return token;
  }

  private expect(token: string): void {
    const found = this.tokens[this.at++];
    if (found !== token) {
      throw new SelectorError(`expected "${token}"${found === undefined ? ' at the end' : `, found "${found}"`}`);
    }
  }
}
