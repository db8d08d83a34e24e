import type { SortOrder } from '../model/rows';

/**
 * Every view has a URL, so a link can be shared and back/forward work. The route lives in the
 * URL's fragment — `#/c1/pods?ns=shop,billing&q=web&l=app%3Dweb&sort=-age&sel=shop%2Fweb-1` —
 * so the Backend serves one page at `/` and needs no fallback route per view.
 */
export type Route = {
  readonly cluster: string | null;
  readonly resource: string | null;
  readonly namespaces: readonly string[];
  /** The text search. */
  readonly search: string;
  /** The label selector, as typed. */
  readonly selector: string;
  readonly sort: SortOrder | null;
  /** The key of the object open in the detail panel. */
  readonly selected: string | null;
};

export const EMPTY_ROUTE: Route = {
  cluster: null,
  resource: null,
  namespaces: [],
  search: '',
  selector: '',
  sort: null,
  selected: null,
};

export function parseRoute(hash: string): Route {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const question = body.indexOf('?');
  const path = question < 0 ? body : body.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : body.slice(question + 1));
  const [cluster, resource] = path
    .split('/')
    .filter((p) => p !== '')
    .map(safeDecode);
  const sort = params.get('sort');
  return {
    cluster: cluster ?? null,
    resource: resource ?? null,
    namespaces: (params.get('ns') ?? '').split(',').filter((n) => n !== ''),
    search: params.get('q') ?? '',
    selector: params.get('l') ?? '',
    sort: sort ? { column: sort.replace(/^-/, ''), descending: sort.startsWith('-') } : null,
    selected: params.get('sel') || null,
  };
}

export function formatRoute(route: Route): string {
  let path = '#/';
  if (route.cluster !== null) {
    path += encodeURIComponent(route.cluster);
    if (route.resource !== null) {
      path += `/${encodeURIComponent(route.resource)}`;
    }
  }
  const params = new URLSearchParams();
  if (route.namespaces.length > 0) params.set('ns', route.namespaces.join(','));
  if (route.search !== '') params.set('q', route.search);
  if (route.selector !== '') params.set('l', route.selector);
  if (route.sort !== null) params.set('sort', `${route.sort.descending ? '-' : ''}${route.sort.column}`);
  if (route.selected !== null) params.set('sel', route.selected);
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** Switching cluster or resource starts from a clean view of it; the namespaces are kept. */
export function openResource(route: Route, cluster: string, resource: string, selected: string | null = null): Route {
  const sameTable = route.cluster === cluster && route.resource === resource;
  return sameTable
    ? { ...route, selected }
    : { ...EMPTY_ROUTE, cluster, resource, namespaces: route.cluster === cluster ? route.namespaces : [], selected };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
