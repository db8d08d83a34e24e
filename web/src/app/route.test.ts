import { describe, expect, it } from 'vitest';
import { EMPTY_ROUTE, formatRoute, openResource, parseRoute, type Route } from './route';

const full: Route = {
  cluster: 'prod-eu',
  resource: 'deployments.apps',
  namespaces: ['shop', 'billing'],
  search: 'web api',
  selector: 'app in (web,api),tier!=db',
  sort: { column: 'age', descending: true },
  selected: 'shop/web-7f9',
};

describe('routes in the URL', () => {
  it('writes every part of a view and reads it back', () => {
    const hash = formatRoute(full);
    expect(hash.startsWith('#/prod-eu/deployments.apps?')).toBe(true);
    expect(parseRoute(hash)).toEqual(full);
  });

  it('writes an empty view as the root', () => {
    expect(formatRoute(EMPTY_ROUTE)).toBe('#/');
    expect(parseRoute('')).toEqual(EMPTY_ROUTE);
    expect(parseRoute('#/')).toEqual(EMPTY_ROUTE);
  });

  it('reads an ascending sort and a cluster without resource', () => {
    expect(parseRoute('#/c1?sort=name')).toEqual({
      ...EMPTY_ROUTE,
      cluster: 'c1',
      sort: { column: 'name', descending: false },
    });
  });

  it('survives characters that need escaping and a malformed escape', () => {
    const odd = { ...EMPTY_ROUTE, cluster: 'a b/c', resource: 'x', search: '#&=?' };
    expect(parseRoute(formatRoute(odd))).toEqual(odd);
    expect(parseRoute('#/%E0%A4%A/pods').cluster).toBe('%E0%A4%A');
  });

  it('opens another resource from a clean view, keeping the namespaces within a cluster', () => {
    expect(openResource(full, 'prod-eu', 'pods')).toEqual({
      ...EMPTY_ROUTE,
      cluster: 'prod-eu',
      resource: 'pods',
      namespaces: ['shop', 'billing'],
    });
    expect(openResource(full, 'staging', 'pods').namespaces).toEqual([]);
    expect(openResource(full, 'prod-eu', 'deployments.apps', 'shop/api')).toEqual({ ...full, selected: 'shop/api' });
  });
});
