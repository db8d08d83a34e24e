import { describe, expect, it } from 'vitest';
import { matches, parseSelector, type Selector } from './labelSelector';

function parse(text: string): Selector {
  const parsed = parseSelector(text);
  if (!parsed.ok) {
    throw new Error(parsed.error);
  }
  return parsed.selector;
}

const web = { app: 'web', tier: 'frontend', 'app.kubernetes.io/version': '3', replicas: '5' };

describe('parsing label selectors', () => {
  it('reads every operator kubectl accepts', () => {
    expect(
      parse(
        'app=web, tier==frontend,env!=prod, track in (stable, canary), zone notin (a), release, !legacy, n>2, m<10',
      ),
    ).toEqual([
      { key: 'app', op: 'in', values: ['web'] },
      { key: 'tier', op: 'in', values: ['frontend'] },
      { key: 'env', op: 'notin', values: ['prod'] },
      { key: 'track', op: 'in', values: ['stable', 'canary'] },
      { key: 'zone', op: 'notin', values: ['a'] },
      { key: 'release', op: 'exists' },
      { key: 'legacy', op: 'absent' },
      { key: 'n', op: 'gt', bound: 2 },
      { key: 'm', op: 'lt', bound: 10 },
    ]);
  });

  it('reads an empty selector as one that matches everything', () => {
    expect(parse('')).toEqual([]);
    expect(parse('   ')).toEqual([]);
  });

  it('accepts prefixed keys and empty values', () => {
    expect(parse('app.kubernetes.io/name=, x in (a,)')).toEqual([
      { key: 'app.kubernetes.io/name', op: 'in', values: [''] },
      { key: 'x', op: 'in', values: ['a', ''] },
    ]);
  });

  it.each([
    ['app=web,', 'a requirement must follow ","'],
    ['app in web', 'expected "("'],
    ['app in (a, b', 'expected ","'],
    ['=web', 'expected a label key'],
    ['app web', 'expected an operator after "app"'],
    ['-bad=x', 'is not a valid label key'],
    ['app=we b', 'expected ","'],
    ['app=has/slash', 'is not a valid label value'],
    ['n>two', 'must be an integer'],
    ['Bad_Prefix/x=y', 'is not a valid label key'],
  ])('refuses "%s" saying why', (text, error) => {
    const parsed = parseSelector(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(error);
  });
});

describe('matching label selectors', () => {
  it.each([
    ['app=web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend)', false],
    ['missing notin (x)', true],
    ['missing in (x)', false],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['replicas>4', true],
    ['replicas<5', false],
    ['app>1', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['app.kubernetes.io/version=3', true],
  ])('%s on app=web,tier=frontend,… is %s', (text, expected) => {
    expect(matches(parse(text), web)).toBe(expected);
  });

  it('treats an object without labels as having none', () => {
    expect(matches(parse('!app'), undefined)).toBe(true);
    expect(matches(parse('app'), undefined)).toBe(false);
    expect(matches(parse(''), undefined)).toBe(true);
  });
});
