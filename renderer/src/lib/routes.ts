import { HostId } from '../../../shared/base/fields';

/**
 * The renderer's URLs: every page is a location fragment (`#/hosts/web1`), so Back, Forward and
 * reload keep the admin where they were, both in the desktop app (app:// window) and in browser
 * mode. The fragment never reaches a server. In browser mode the printed URL carries the access
 * token in the fragment too (`#token=…`); src/api takes it out before routing starts, and a
 * fragment that is not a path (`#/…`) is never echoed back on a page.
 */

/** Which page the shell shows. */
export type Page =
  | { kind: 'overview' }
  | { kind: 'hosts' }
  | { kind: 'host'; hostId: string }
  /** The queues; `hostId` / `itemId` select a host's queue and one of its steps. */
  | { kind: 'queue'; hostId?: string; itemId?: number }
  /** One cluster's page, or (null) the first cluster / the setup wizard. */
  | { kind: 'cluster'; clusterId: string | null }
  /** One cluster's load-balancing page, or (null) the first cluster's. */
  | { kind: 'lb'; clusterId: string | null }
  /** One cluster's topology diagram, or (null) the first cluster's. */
  | { kind: 'topology'; clusterId: string | null }
  /** One cluster's kept snapshots, their comparison and restoring a snapshot's model. */
  | { kind: 'snapshots'; clusterId: string }
  /** No page has this URL; `path` is the fragment's path when it was one, else null. */
  | { kind: 'notFound'; path: string | null };

/** The landing page. */
export const OVERVIEW: Page = { kind: 'overview' };

/** Host and cluster ids are both HostId-shaped. */
const isId = (s: string): boolean => HostId.safeParse(s).success;
/** A queue item id: a positive whole number without leading zeros. */
const ITEM_ID = /^[1-9][0-9]{0,14}$/;

function segment(id: string): string {
  return encodeURIComponent(id);
}

/** The location fragment (with its `#`) of a page. */
export function formatRoute(page: Page): string {
  switch (page.kind) {
    case 'overview':
      return '#/';
    case 'hosts':
      return '#/hosts';
    case 'host':
      return `#/hosts/${segment(page.hostId)}`;
    case 'queue':
      if (page.hostId === undefined) return '#/queue';
      return page.itemId === undefined
        ? `#/queue/${segment(page.hostId)}`
        : `#/queue/${segment(page.hostId)}/${page.itemId}`;
    case 'cluster':
      return page.clusterId === null ? '#/clusters' : `#/clusters/${segment(page.clusterId)}`;
    case 'lb':
      return page.clusterId === null
        ? '#/load-balancing'
        : `#/clusters/${segment(page.clusterId)}/load-balancing`;
    case 'topology':
      return page.clusterId === null
        ? '#/topology'
        : `#/clusters/${segment(page.clusterId)}/topology`;
    case 'snapshots':
      return `#/clusters/${segment(page.clusterId)}/snapshots`;
    case 'notFound':
      return page.path === null ? '#/not-found' : `#${page.path}`;
  }
}

function decodeSegments(path: string): string[] | null {
  const parts = path.split('/').slice(1);
  // One trailing slash is the same page ("#/hosts/" is "#/hosts").
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

/**
 * The page of a location fragment (with or without its `#`). An empty fragment is the
 * overview; anything that names no page is `notFound` (never an exception).
 */
export function parseRoute(hash: string): Page {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '' || body === '/') return OVERVIEW;
  if (!body.startsWith('/')) return { kind: 'notFound', path: null };
  const notFound: Page = { kind: 'notFound', path: body.slice(0, 200) };
  const parts = decodeSegments(body);
  if (parts === null) return notFound;
  const [head, a, b, ...rest] = parts;
  if (rest.length > 0) return notFound;
  switch (head) {
    case 'hosts':
      if (a === undefined) return { kind: 'hosts' };
      if (b === undefined && isId(a)) return { kind: 'host', hostId: a };
      return notFound;
    case 'queue':
      if (a === undefined) return { kind: 'queue' };
      if (!isId(a)) return notFound;
      if (b === undefined) return { kind: 'queue', hostId: a };
      return ITEM_ID.test(b) ? { kind: 'queue', hostId: a, itemId: Number(b) } : notFound;
    case 'clusters':
      if (a === undefined) return { kind: 'cluster', clusterId: null };
      if (!isId(a)) return notFound;
      if (b === undefined) return { kind: 'cluster', clusterId: a };
      if (b === 'load-balancing') return { kind: 'lb', clusterId: a };
      if (b === 'snapshots') return { kind: 'snapshots', clusterId: a };
      return b === 'topology' ? { kind: 'topology', clusterId: a } : notFound;
    case 'load-balancing':
      return a === undefined ? { kind: 'lb', clusterId: null } : notFound;
    case 'topology':
      return a === undefined ? { kind: 'topology', clusterId: null } : notFound;
    default:
      return notFound;
  }
}

/** Whether two pages are the same URL. */
export function samePage(a: Page, b: Page): boolean {
  return formatRoute(a) === formatRoute(b);
}
