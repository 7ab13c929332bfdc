import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../model/cluster';
import type { LbServiceInput } from '../model/lb';
import {
  FORWARD_METHODS,
  parseIpvsadm,
  type IpvsService,
  type IpvsTable,
} from '../probe/parse-ipvsadm';
import { LbStatus } from './status';
import {
  buildLbStatus,
  keepalivedStateOf,
  lbServiceStatuses,
  nodeActiveConns,
  readIpvsListings,
  type CommandOutput,
} from './status-view';
import { LAB, LAB_HOSTS, LAB_VIP, lbCluster } from './testing/lb-fixtures';
import { lbStatus, rsStatus, serviceStatus } from './testing/status-fixtures';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const ok = (stdout: string): CommandOutput => ({ code: 0, stdout, stderr: '' });

/** The listings of one ipvsadm state: plain, --stats and --rate (see __fixtures__/README.md). */
interface Listings {
  name: string;
  list: string;
  stats: string;
  rate: string;
}

const LISTINGS: Listings[] = [
  {
    name: 'the lab capture',
    list: 'lab-list.txt',
    stats: 'lab-stats-exact.txt',
    rate: 'lab-rate-exact.txt',
  },
  {
    name: 'the hand-written listings',
    list: 'ipvsadm-list.txt',
    stats: 'ipvsadm-stats.txt',
    rate: 'ipvsadm-rate.txt',
  },
];

/** The listings, merged as the engine merges them. */
function capturedTable(l: Listings): IpvsTable {
  const { table, error } = readIpvsListings({
    list: ok(fixture(l.list)),
    stats: ok(fixture(l.stats)),
    rate: ok(fixture(l.rate)),
  });
  expect(error).toBeNull();
  if (table === null) throw new Error('no table');
  return table;
}

const HOST_NAMES = Object.fromEntries(Object.entries(LAB_HOSTS).map(([id, h]) => [id, h.name]));

/** The lab's addresses: public 10.10.0.x, private 10.20.0.x. */
const LAB_ADDRESSES: Record<string, string> = {
  '10.10.0.10': LAB.manager,
  '10.10.0.11': LAB.node1,
  '10.10.0.12': LAB.node2,
  '10.20.0.10': LAB.manager,
  '10.20.0.11': LAB.node1,
  '10.20.0.12': LAB.node2,
};

function labHostOf(address: string): string {
  const id = LAB_ADDRESSES[address];
  if (id === undefined) throw new Error(`${address} is not a lab address: update the test model`);
  return id;
}

function prefixOf(netmask: string | undefined): number {
  if (netmask === undefined) return 32;
  return netmask
    .split('.')
    .reduce((n, octet) => n + Number(octet).toString(2).replace(/0/g, '').length, 0);
}

/**
 * A model service that matches one captured IPVS service: same key, scheduler, persistence and
 * method, the captured servers as real servers (the manager's "Local" one as includeManager),
 * at their captured weight but at least 1 (a captured 0 then reads as a failed check).
 */
function serviceLike(t: IpvsService, i: number): LbServiceInput {
  const remote = t.destinations.filter((d) => d.forward !== 'Local');
  const word = (remote[0]?.forward ?? 'Route') as keyof typeof FORWARD_METHODS;
  const method = FORWARD_METHODS[word];
  if (method !== 'dr' && method !== 'nat' && method !== 'tun') throw new Error(`method ${word}`);
  const local = t.destinations.find((d) => d.forward === 'Local');
  return {
    id: `svc-${i}`,
    name: `Service ${i}`,
    vip: t.address ?? LAB_VIP,
    listen:
      t.protocol === 'fwmark'
        ? { kind: 'fwmark', mark: t.fwmark ?? 0, ports: [80, 443] }
        : { kind: 'port', port: t.port ?? 0 },
    protocol: t.protocol === 'udp' ? 'udp' : 'tcp',
    scheduler: t.scheduler as LbServiceInput['scheduler'],
    persistence: {
      seconds: t.persistence?.timeout ?? 0,
      netmask: prefixOf(t.persistence?.netmask),
    },
    method,
    realServers: remote.map((d) => ({
      hostId: labHostOf(d.address),
      weight: Math.max(d.weight ?? 1, 1),
      ...(t.port !== undefined && d.port !== t.port ? { port: d.port } : {}),
    })),
    ...(local ? { includeManager: { weight: Math.max(local.weight ?? 1, 1) } } : {}),
  };
}

/**
 * A lab model with one service per service of the captured table, so the tests hold whatever
 * the capture is. NAT to public addresses needs the all-public layout (intra = public).
 */
function modelLike(table: IpvsTable): Cluster {
  const natOnPublic = table.services.some((s) =>
    s.destinations.some((d) => d.forward === 'Masq' && d.address.startsWith('10.10.')),
  );
  const services = table.services.map(serviceLike);
  const vips = [...new Set(services.map((s) => s.vip))];
  return lbCluster(services, natOnPublic ? 'public' : 'public-private', vips);
}

const withMode = (c: Cluster, hostId: string, lbMode: 'drain' | 'maintenance'): Cluster =>
  parseCluster({ ...c, nodes: c.nodes.map((n) => (n.hostId === hostId ? { ...n, lbMode } : n)) });

/** A node that serves at least one captured service. */
function busiestNode(table: IpvsTable): string {
  const nodeIds = table.services
    .flatMap((s) => s.destinations)
    .filter((d) => d.forward !== 'Local')
    .map((d) => labHostOf(d.address));
  const first = nodeIds[0];
  if (first === undefined) throw new Error('the capture has no node');
  return first;
}

describe.each(LISTINGS)('lbServiceStatuses on $name', (listings) => {
  const table = capturedTable(listings);
  const stats = parseIpvsadm(fixture(listings.stats));
  const rate = parseIpvsadm(fixture(listings.rate));
  const c = modelLike(table);

  it('joins every captured service and server with the model, with IPVS numbers', () => {
    expect(table.services.length).toBeGreaterThan(0);
    const view = lbServiceStatuses(c, table, HOST_NAMES);
    expect(view.map((s) => s.key)).toEqual(table.services.map((s) => s.key));
    table.services.forEach((t, i) => {
      const s = view[i];
      expect(s).toMatchObject({
        serviceId: `svc-${i}`,
        present: true,
        scheduler: t.scheduler,
        persistenceSec: t.persistence?.timeout ?? 0,
      });
      expect(s?.stats).toEqual(stats.services.find((x) => x.key === t.key)?.stats ?? null);
      expect(s?.rate).toEqual(rate.services.find((x) => x.key === t.key)?.rate ?? null);
      expect(s?.realServers).toHaveLength(t.destinations.length);
      for (const d of t.destinations) {
        const r = s?.realServers.find((x) => x.address === d.address && x.port === d.port);
        const hostId = labHostOf(d.address);
        const counted = (listing: IpvsTable) =>
          listing.services
            .find((x) => x.key === t.key)
            ?.destinations.find((x) => x.address === d.address && x.port === d.port);
        expect(r, `${t.key} ${d.address}`).toEqual({
          hostId,
          hostName: LAB_HOSTS[hostId]?.name,
          address: d.address,
          port: d.port,
          isManager: d.forward === 'Local',
          state: (d.weight ?? 0) > 0 ? 'up' : 'down',
          forward: d.forward,
          weight: d.weight,
          modelWeight: Math.max(d.weight ?? 1, 1),
          activeConns: d.activeConns,
          inactiveConns: d.inactiveConns,
          stats: counted(stats)?.stats ?? null,
          rate: counted(rate)?.rate ?? null,
          check: null,
          down: (d.weight ?? 0) > 0 ? null : { reason: null, since: null },
        });
      }
    });
  });

  it('the whole status passes the contract schema; servers at weight 0 are down, not drift', () => {
    const status = buildLbStatus({
      cluster: c,
      at: '2026-01-01T00:00:00.000Z',
      keepalived: 'active',
      table,
      error: null,
      hostNames: HOST_NAMES,
    });
    expect(LbStatus.parse(status)).toEqual(status);
    const zeroWeight = table.services.flatMap((s) => s.destinations).filter((d) => d.weight === 0);
    expect(
      status.services.flatMap((s) => s.realServers).filter((r) => r.state === 'down'),
    ).toHaveLength(zeroWeight.length);
    expect(status.ipvsDrift).toEqual([]);
  });

  it('shows a drained node as drain at model weight 0, and one in maintenance still listed', () => {
    const nodeId = busiestNode(table);
    for (const mode of ['drain', 'maintenance'] as const) {
      const view = lbServiceStatuses(withMode(c, nodeId, mode), table, HOST_NAMES);
      const mine = view.flatMap((s) => s.realServers).filter((r) => r.hostId === nodeId);
      expect(mine.length).toBeGreaterThan(0);
      for (const r of mine) expect(r).toMatchObject({ state: mode, modelWeight: 0 });
      const others = view.flatMap((s) => s.realServers).filter((r) => r.hostId !== nodeId);
      expect(others.every((r) => r.state === 'up' || r.state === 'down')).toBe(true);
    }
  });

  it('a server missing from IPVS is down with no IPVS numbers; a service missing is not present', () => {
    const first = table.services[0];
    const gone = first?.destinations[0];
    if (!first || !gone) throw new Error('the capture has no server');
    const cut: IpvsTable = {
      ...table,
      services: [
        { ...first, destinations: first.destinations.slice(1) },
        ...table.services.slice(2),
      ],
    };
    const view = lbServiceStatuses(c, cut, HOST_NAMES);
    const r = view[0]?.realServers.find((x) => x.address === gone.address && x.port === gone.port);
    expect(r).toMatchObject({
      state: 'down',
      forward: null,
      weight: null,
      activeConns: 0,
      stats: null,
    });
    if (table.services.length > 1) {
      expect(view[1]).toMatchObject({ present: false, stats: null });
      expect(view[1]?.realServers.every((x) => x.state === 'down' && x.weight === null)).toBe(true);
    }
  });

  it('lists what IPVS has beyond the model: extra servers, extra services, the sorry server', () => {
    const [first, ...rest] = c.services;
    if (!first || first.realServers.length === 0) throw new Error('the first service has no node');
    const dropped = first.realServers[0];
    const smaller = parseCluster({
      ...c,
      services: [{ ...first, realServers: first.realServers.slice(1) }, ...rest.slice(1)],
    });
    const view = lbServiceStatuses(smaller, table, HOST_NAMES);
    const extra = view[0]?.realServers.at(-1);
    expect(extra).toMatchObject({ hostId: dropped?.hostId, state: 'extra', modelWeight: null });
    if (rest.length > 0) {
      const key = table.services[1]?.key;
      const service = view.find((s) => s.key === key);
      expect(service).toMatchObject({ serviceId: null, label: key, present: true });
      expect(service?.realServers.every((x) => x.state === 'extra' && x.hostId !== null)).toBe(
        true,
      );
    }

    const t0 = table.services[0];
    if (!t0) throw new Error('no service');
    const sorry = {
      address: '192.0.2.50',
      port: t0.port ?? 0,
      forward: 'Route',
      weight: 1,
      activeConns: 2,
      inactiveConns: 0,
    };
    const withSorry: IpvsTable = {
      ...table,
      services: [{ ...t0, destinations: [...t0.destinations, sorry] }],
    };
    const sc = parseCluster({ ...c, services: [{ ...first, sorryServer: { ip: '192.0.2.50' } }] });
    const last = lbServiceStatuses(sc, withSorry, HOST_NAMES)[0]?.realServers.at(-1);
    expect(last).toMatchObject({
      hostId: null,
      hostName: null,
      state: 'sorry',
      weight: 1,
      activeConns: 2,
    });
  });

  it('without a reading, gives the model only: nothing present, active servers unknown', () => {
    const nodeId = busiestNode(table);
    const status = buildLbStatus({
      cluster: withMode(c, nodeId, 'drain'),
      at: '2026-01-01T00:00:00.000Z',
      keepalived: 'unknown',
      table: null,
      error: 'HOST_UNREACHABLE: manager',
      hostNames: HOST_NAMES,
    });
    expect(LbStatus.parse(status)).toEqual(status);
    expect(status.ipvsDrift).toEqual([]);
    expect(status.services.map((s) => s.serviceId)).toEqual(c.services.map((s) => s.id));
    for (const s of status.services) {
      expect(s.present).toBe(false);
      for (const r of s.realServers) {
        expect(r.state).toBe(r.hostId === nodeId ? 'drain' : 'unknown');
        expect(r.weight).toBeNull();
      }
    }
  });

  it("sums a node's active connections over every service", () => {
    const nodeId = busiestNode(table);
    const expected = table.services
      .flatMap((s) => s.destinations)
      .filter((d) => LAB_ADDRESSES[d.address] === nodeId)
      .reduce((n, d) => n + (d.activeConns ?? 0), 0);
    const view = lbServiceStatuses(c, table, HOST_NAMES);
    expect(nodeActiveConns({ services: view }, nodeId)).toBe(expected);
    expect(nodeActiveConns({ services: view }, 'no-such-host')).toBeNull();
  });
});

describe('nodeActiveConns', () => {
  it("sums a node's active connections over every service, leaving the manager out", () => {
    const status = lbStatus({
      services: [
        serviceStatus({
          realServers: [
            rsStatus({ hostId: 'n1', activeConns: 4 }),
            rsStatus({ hostId: 'n2', activeConns: 9 }),
            rsStatus({ hostId: 'n1', isManager: true, activeConns: 100 }),
          ],
        }),
        serviceStatus({ key: 'b', realServers: [rsStatus({ hostId: 'n1', activeConns: 3 })] }),
      ],
    });
    expect(nodeActiveConns(status, 'n1')).toBe(7);
    expect(nodeActiveConns(status, 'n2')).toBe(9);
  });

  it('is unknown without a reading or when IPVS does not have the node', () => {
    expect(nodeActiveConns(null, 'n1')).toBeNull();
    expect(nodeActiveConns(lbStatus(), 'n9')).toBeNull();
  });
});

describe('an empty IPVS table', () => {
  it('every model service is missing', () => {
    const { table } = readIpvsListings({
      list: ok(fixture('ipvsadm-empty.txt')),
      stats: ok(fixture('ipvsadm-empty.txt')),
      rate: ok(fixture('ipvsadm-empty.txt')),
    });
    const c = modelLike(capturedTable(LISTINGS[0] as Listings));
    const status = buildLbStatus({
      cluster: c,
      at: '2026-01-01T00:00:00.000Z',
      keepalived: 'inactive',
      table,
      error: null,
      hostNames: HOST_NAMES,
    });
    expect(status.services.every((s) => !s.present)).toBe(true);
    expect(status.ipvsDrift.map((d) => d.kind)).toEqual(c.services.map(() => 'missing-service'));
  });
});

describe('readIpvsListings', () => {
  it('gives no table and says why when ipvsadm fails', () => {
    const r = readIpvsListings({
      list: { code: 127, stdout: '', stderr: 'sh: 1: ipvsadm: not found\n' },
      stats: { code: 127, stdout: '', stderr: '' },
      rate: { code: 127, stdout: '', stderr: '' },
    });
    expect(r).toEqual({
      table: null,
      error: 'ipvsadm -Ln failed on the manager (exit 127): sh: 1: ipvsadm: not found',
    });
  });

  it('keeps the table without counters when only --stats fails, and says so', () => {
    const r = readIpvsListings({
      list: ok(fixture('ipvsadm-list.txt')),
      stats: { code: null, stdout: '', stderr: '' },
      rate: ok(fixture('ipvsadm-rate.txt')),
    });
    expect(r.error).toBe('ipvsadm -Ln --stats failed on the manager (killed)');
    expect(r.table?.services.length).toBe(
      parseIpvsadm(fixture('ipvsadm-list.txt')).services.length,
    );
    expect(r.table?.services.every((s) => s.stats === undefined && s.rate !== undefined)).toBe(
      true,
    );
  });

  it('reports a listing it cannot read instead of an empty table', () => {
    const r = readIpvsListings({ list: ok('something else\n'), stats: ok(''), rate: ok('') });
    expect(r.table).toBeNull();
    expect(r.error).toMatch(/^cannot read ipvsadm -Ln: unexpected ipvsadm line: something else/);
  });
});

describe('keepalivedStateOf', () => {
  it('takes the states systemctl prints and nothing else', () => {
    expect(keepalivedStateOf('active\n')).toBe('active');
    expect(keepalivedStateOf('inactive\n')).toBe('inactive');
    expect(keepalivedStateOf('failed\n')).toBe('failed');
    expect(keepalivedStateOf('activating\n')).toBe('activating');
    expect(keepalivedStateOf('deactivating\n')).toBe('unknown');
    expect(keepalivedStateOf('System has not been booted with systemd\n')).toBe('unknown');
    expect(keepalivedStateOf('')).toBe('unknown');
  });
});
