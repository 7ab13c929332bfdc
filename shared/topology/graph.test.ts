import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LB_SERVICES, LB_VIPS } from '../lb/testing/lb-fixtures';
import { parseCluster, type Cluster, type ClusterLayout } from '../model/cluster';
import { debianFacts, LAB, labCluster } from '../plan/testing/lab-fixtures';
import { expectGolden } from '../testing/golden.test-support';
import { buildTopology } from './graph';
import { structureKey } from './structure';
import { renderGraph } from './testing/render-graph';
import { bigCluster, haltedQueue, topoHosts, topoInput, topoLb } from './testing/topology-fixtures';

const GOLDEN = join(__dirname, '__golden__');
const NAMES = {
  [LAB.manager]: 'manager',
  [LAB.node1]: 'node1',
  [LAB.node2]: 'node2',
  [LAB.storage]: 'storage',
};

/** The lab cluster with the LB fixtures' services (VIPs moved to the private net behind NAT). */
function lab(layout: ClusterLayout, storage: 'manager' | 'external'): Cluster {
  const nat = (a: string) => (layout === 'private-nat' ? a.replace(/^10\.10\./, '10.20.') : a);
  return parseCluster({
    ...labCluster(layout, storage),
    vips: LB_VIPS.map((address) => ({ address: nat(address) })),
    services: LB_SERVICES.map((s) => ({ ...s, vip: nat(s.vip) })),
  });
}

describe('buildTopology', () => {
  for (const layout of ['public', 'public-private', 'private-nat'] as const)
    for (const storage of ['manager', 'external'] as const)
      it(`draws the ${layout} layout with storage on the ${storage}`, () => {
        const c = lab(layout, storage);
        const g = buildTopology(topoInput(c, { hosts: topoHosts(c, NAMES) }));
        expectGolden(join(GOLDEN, `${layout}-${storage}.txt`), renderGraph(g));
        const ids = g.nodes.map((n) => n.id);
        expect(ids).toContain('storage');
        expect(ids).toContain(layout === 'private-nat' ? 'nat' : 'net:public');
        expect(ids.includes('net:private')).toBe(layout !== 'public');
        expect(ids.includes(`host:${LAB.storage}`)).toBe(storage === 'external');
        // Every edge joins two drawn nodes, and ids are unique.
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
        for (const e of g.edges) expect(ids).toEqual(expect.arrayContaining([e.source, e.target]));
      });

  it('shows drained, maintenance, disabled and unreachable nodes, a down real server and a halted queue', () => {
    const base = bigCluster(6);
    const c = parseCluster({
      ...base,
      nodes: base.nodes.map((n) =>
        n.hostId === 'n1'
          ? { ...n, lbMode: 'drain' }
          : n.hostId === 'n2'
            ? { ...n, lbMode: 'maintenance' }
            : n.hostId === 'n5'
              ? { ...n, enabled: false }
              : n,
      ),
    });
    const hosts = topoHosts(c).map((h) =>
      h.id === 'n6'
        ? {
            ...h,
            state: 'error' as const,
            lastError: { code: 'SSH_TIMEOUT', message: 'timed out' },
          }
        : h,
    );
    const lb = topoLb(c, {
      'web/n3': {
        state: 'down',
        weight: null,
        check: 'down',
        down: { reason: 'TCP connection failed', since: '2026-01-01T11:59:00.000Z' },
      },
    });
    const queues = [haltedQueue('n4', 'mount.nfs: Connection refused')];
    const g = buildTopology({ cluster: c, applied: c, hosts, lb, queues });
    expectGolden(join(GOLDEN, 'states.txt'), renderGraph(g));
    const state = (id: string) => g.nodes.find((n) => n.id === id)?.state;
    expect([1, 2, 3, 4, 5, 6].map((i) => state(`host:n${i}`))).toEqual([
      'drain',
      'maintenance',
      'down',
      'halted',
      'disabled',
      'unreachable',
    ]);
    const edge = (id: string) => g.edges.find((e) => e.id === id);
    expect(edge('serves:web:n3')).toMatchObject({ state: 'down', check: 'down', tone: 'error' });
    expect(edge('serves:web:n3')?.stateText).toContain('TCP connection failed');
    expect(edge('serves:web:n1')).toMatchObject({ state: 'drain', label: 'weight 0 (drain, 1)' });
    expect(edge('serves:web:n2')?.state).toBe('maintenance');
    // A disabled node serves nothing and mounts nothing.
    expect(g.edges.filter((e) => e.target === 'host:n5')).toEqual([]);
  });

  it('marks what differs from the applied model as pending, and keeps removed things drawn', () => {
    const applied = bigCluster(3);
    const desired = parseCluster({
      ...applied,
      nodes: [
        ...applied.nodes.filter((n) => n.hostId !== 'n2'),
        { hostId: 'n9', publicIp: '10.10.0.90', privateIp: '10.20.0.90' },
      ],
      vips: [{ address: '10.10.9.100' }, { address: '10.10.9.102' }],
      services: [
        {
          ...applied.services[0],
          realServers: [{ hostId: 'n1', weight: 3 }, { hostId: 'n3' }, { hostId: 'n9' }],
        },
        {
          ...applied.services[1],
          scheduler: 'rr',
          realServers: [{ hostId: 'n1' }, { hostId: 'n3' }],
        },
        {
          id: 'dns',
          name: 'DNS',
          vip: '10.10.9.102',
          listen: { kind: 'port', port: 53 },
          protocol: 'udp',
          realServers: [{ hostId: 'n1' }],
        },
      ],
    });
    const g = buildTopology(topoInput(desired, { applied, lb: topoLb(applied) }));
    expectGolden(join(GOLDEN, 'pending.txt'), renderGraph(g, { facts: false }));
    const pending = (id: string) =>
      (g.nodes.find((n) => n.id === id) ?? g.edges.find((e) => e.id === id))?.pending;
    expect(pending('host:n9')).toEqual(['new']);
    expect(pending('host:n2')).toEqual(['removed']);
    expect(pending('svc:dns')).toEqual(['new']);
    expect(pending('svc:smtp')).toEqual(['removed']);
    expect(pending('svc:tls')).toEqual(['scheduler wlc -> rr']);
    expect(pending('vip:10.10.9.101')).toEqual(['removed']);
    expect(pending('vip:10.10.9.102')).toEqual(['new']);
    expect(pending('serves:web:n1')).toEqual(['weight 1 -> 3']);
    expect(pending('serves:web:n9')).toEqual(['new']);
    expect(pending('serves:web:n2')).toEqual(['removed']);
    expect(pending('serves:web:n3')).toEqual([]);
  });

  it('marks everything new when the cluster was never applied', () => {
    const c = lab('public-private', 'manager');
    const g = buildTopology({
      cluster: c,
      applied: null,
      hosts: topoHosts(c, NAMES),
      lb: null,
      queues: [],
    });
    for (const id of [`host:${LAB.node1}`, 'svc:http', 'vip:10.10.0.100', 'storage'])
      expect(g.nodes.find((n) => n.id === id)?.pending).toEqual(['new']);
    expect(g.edges.find((e) => e.id === `serves:http:${LAB.node1}`)?.state).toBe('pending');
  });

  it('tells a missing external mount from the facts, and leaves the manager storage mount unknown', () => {
    const c = lab('public-private', 'external');
    const mounted = debianFacts('node1', {});
    mounted.disks = mounted.disks.map((d) =>
      d.path === '/chroot'
        ? {
            ...d,
            exists: true,
            mount: '/chroot',
            filesystem: '10.20.0.14:/srv/cluster',
            fsType: 'nfs4',
          }
        : d,
    );
    const facts = { [LAB.node1]: mounted, [LAB.node2]: debianFacts('node2', {}) };
    const g = buildTopology(topoInput(c, { facts }));
    const host = (id: string) => g.nodes.find((n) => n.id === `host:${id}`);
    expect(host(LAB.node1)?.host?.mount).toBe('mounted');
    expect(host(LAB.node2)?.host?.mount).toBe('missing');
    expect(host(LAB.node2)?.state).toBe('mount-missing');
    expect(g.edges.find((e) => e.id === `mount:${LAB.node2}`)?.state).toBe('mount-missing');
    const onManager = lab('public-private', 'manager');
    const g2 = buildTopology(topoInput(onManager, { facts }));
    expect(g2.nodes.find((n) => n.id === `host:${LAB.node2}`)?.host?.mount).toBe('unknown');
  });

  it('groups 200 healthy nodes and shows the two down ones on their own', () => {
    const c = bigCluster(200);
    const down = {
      state: 'down' as const,
      weight: null,
      check: 'down' as const,
      down: { reason: null, since: null },
    };
    const g = buildTopology(
      topoInput(c, { lb: topoLb(c, { 'web/n30': down, 'smtp/n150': down }) }),
    );
    expectGolden(join(GOLDEN, 'grouped-200.txt'), renderGraph(g, { facts: false }));
    const hosts = g.nodes.filter((n) => n.kind === 'node').map((n) => n.id);
    expect(hosts).toEqual(['host:n30', 'host:n150']);
    const groups = g.nodes.filter((n) => n.kind === 'group');
    expect(groups).toHaveLength(Math.ceil(200 / 24));
    const g25 = groups.find((n) => n.id === 'group:n25');
    expect(g25?.label).toBe('node25–node48: 23 up · 1 down');
    expect(g25?.group?.memberIds).toHaveLength(23);
    expect(g25?.group?.memberIds).not.toContain('n30');
    // Every node is in exactly one drawn group or drawn alone.
    const drawn = [
      ...hosts.map((h) => h.slice(5)),
      ...groups.flatMap((n) => n.group?.memberIds ?? []),
    ];
    expect(drawn.sort()).toEqual(c.nodes.map((n) => n.hostId).sort());
    expect(g.edges.find((e) => e.id === 'serves:web:group:n25')).toMatchObject({
      label: '23 × weight 1',
      state: 'up',
    });

    const open = buildTopology(topoInput(c, { expanded: ['group:n25'] }));
    expect(open.nodes.filter((n) => n.kind === 'node')).toHaveLength(24);
    expect(open.groups?.find((x) => x.id === 'group:n25')?.expanded).toBe(true);
  });

  it('keeps the structure key on a status change and changes it when a node is added', () => {
    const c = bigCluster(10);
    const a = buildTopology(topoInput(c));
    const b = buildTopology(
      topoInput(c, {
        lb: topoLb(c, { 'web/n3': { state: 'down' } }),
        queues: [haltedQueue('n4', 'failed')],
      }),
    );
    expect(b.nodes.find((n) => n.id === 'host:n3')?.state).toBe('down');
    expect(structureKey(b)).toBe(structureKey(a));
    const more = bigCluster(11);
    expect(structureKey(buildTopology(topoInput(more)))).not.toBe(structureKey(a));
  });
});
