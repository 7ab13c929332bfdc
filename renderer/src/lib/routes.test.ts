import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Page } from './routes';

describe('routes', () => {
  const pages: [Page, string][] = [
    [{ kind: 'overview' }, '#/'],
    [{ kind: 'hosts' }, '#/hosts'],
    [{ kind: 'host', hostId: 'web1' }, '#/hosts/web1'],
    [{ kind: 'host', hostId: 'h-1.a_b:2' }, '#/hosts/h-1.a_b%3A2'],
    [{ kind: 'queue' }, '#/queue'],
    [{ kind: 'queue', hostId: 'web1' }, '#/queue/web1'],
    [{ kind: 'queue', hostId: 'web1', itemId: 42 }, '#/queue/web1/42'],
    [{ kind: 'cluster', clusterId: null }, '#/clusters'],
    [{ kind: 'cluster', clusterId: 'c1' }, '#/clusters/c1'],
    [{ kind: 'lb', clusterId: null }, '#/load-balancing'],
    [{ kind: 'lb', clusterId: 'c1' }, '#/clusters/c1/load-balancing'],
    [{ kind: 'snapshots', clusterId: 'c1' }, '#/clusters/c1/snapshots'],
    [{ kind: 'topology', clusterId: null }, '#/topology'],
    [{ kind: 'topology', clusterId: 'c1' }, '#/clusters/c1/topology'],
  ];

  it.each(pages)('formats %j as %s and parses it back', (page, hash) => {
    expect(formatRoute(page)).toBe(hash);
    expect(parseRoute(hash)).toEqual(page);
  });

  it('reads the landing page from an empty fragment, with or without its #', () => {
    expect(parseRoute('')).toEqual({ kind: 'overview' });
    expect(parseRoute('#')).toEqual({ kind: 'overview' });
    expect(parseRoute('/hosts/web1')).toEqual({ kind: 'host', hostId: 'web1' });
  });

  it('takes one trailing slash as the same page, and an unescaped colon in an id', () => {
    expect(parseRoute('#/hosts/')).toEqual({ kind: 'hosts' });
    expect(parseRoute('#/clusters/c1/')).toEqual({ kind: 'cluster', clusterId: 'c1' });
    expect(parseRoute('#/hosts/a:b')).toEqual({ kind: 'host', hostId: 'a:b' });
  });

  it.each([
    '#/nope',
    '#/hosts/web1/extra',
    '#/hosts//web1',
    '#//',
    '#/hosts/-leading-dash',
    '#/hosts/a%20b',
    '#/hosts/%E0%A4%A',
    '#/queue/web1/0',
    '#/queue/web1/01',
    '#/queue/web1/x',
    '#/queue/web1/1/2',
    '#/clusters/c1/nope',
    '#/load-balancing/c1',
    '#/clusters/c1/snapshots/x',
    '#/snapshots',
    '#/topology/c1',
    '#/clusters/c1/topology/x',
    '#/hosts?x=1',
    `#/hosts/${'a'.repeat(129)}`,
  ])('names no page for %s (its path is kept to show)', (hash) => {
    expect(parseRoute(hash)).toEqual({ kind: 'notFound', path: hash.slice(1, 201) });
  });

  it('never keeps a fragment that is not a path, such as a browser-mode token', () => {
    const page = parseRoute(`#token=${'x'.repeat(43)}`);
    expect(page).toEqual({ kind: 'notFound', path: null });
    expect(formatRoute(page)).toBe('#/not-found');
  });

  it('keeps a long unknown path to 200 characters', () => {
    const page = parseRoute(`#/${'x'.repeat(500)}`);
    expect(page.kind === 'notFound' && page.path?.length).toBe(200);
  });
});
