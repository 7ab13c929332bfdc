import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { LAB } from '../plan/testing/lab-fixtures';
import { diffSnapshots, isEmptyDiff, SnapshotDiff } from './diff';
import type { SnapshotBody, SnapshotHost } from './format';
import { doneItem, KEEPALIVED_CONF, realServer, snapshotBody } from './testing/snapshot-fixtures';

/** `body` with its desired model changed by `patch` (parsed again, as the engine keeps it). */
function withModel(body: SnapshotBody, patch: (c: SnapshotBody['cluster']['cluster']) => object) {
  const cluster = parseCluster(patch(structuredClone(body.cluster.cluster)));
  return { ...body, cluster: { ...body.cluster, cluster } };
}

function mapHost(body: SnapshotBody, id: string, f: (h: SnapshotHost) => SnapshotHost) {
  return { ...body, hosts: body.hosts.map((h) => (h.host.id === id ? f(h) : h)) };
}

/** The diff's changes as [kind, subject, before, after]. */
function summary(a: SnapshotBody, b: SnapshotBody) {
  const d = diffSnapshots(a, b);
  expect(SnapshotDiff.parse(d)).toEqual(d);
  return d.changes.map((c) => [c.kind, c.subject, c.before, c.after]);
}

describe('diffSnapshots', () => {
  it('finds nothing between two snapshots of an unchanged cluster', () => {
    const d = diffSnapshots(snapshotBody(), snapshotBody());
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('masks volatile fields: times, counters, rates, clock, connection state, small disk churn', () => {
    const a = snapshotBody();
    const b = structuredClone(a);
    b.takenAt = '2026-12-08T10:00:00.000Z';
    b.cluster.updatedAt = '2026-12-08T09:00:00.000Z';
    for (const h of b.hosts) {
      h.host.state = 'reconnecting';
      h.host.lastError = { code: 'TIMEOUT', message: 'timed out' };
      if (h.facts) {
        h.facts.probedAt = b.takenAt;
        h.facts.clock = { skewMs: 900, rttMs: 40 };
        for (const d of h.facts.disks) if (d.availBytes) d.availBytes -= 500 * 1024 ** 2;
      }
      for (const i of h.queue?.items ?? []) {
        Object.assign(i, { createdAt: b.takenAt, startedAt: b.takenAt, finishedAt: b.takenAt });
      }
    }
    if (!b.lb || !b.drift) throw new Error('fixture has lb and drift');
    b.lb.at = b.takenAt;
    b.drift.at = b.takenAt;
    for (const s of b.lb.services) {
      s.stats = { conns: 9e6, inPkts: 1, outPkts: 2, inBytes: 3, outBytes: 4 };
      s.rate = { conns: 77, inPkts: 1, outPkts: 2, inBytes: 3, outBytes: 4 };
      for (const r of s.realServers) {
        Object.assign(r, { activeConns: 999, inactiveConns: 5, stats: s.stats, rate: s.rate });
      }
    }
    expect(diffSnapshots(a, b).changes).toEqual([]);
  });

  it('does not count a reorder of nodes, accounts, VIPs, services, hosts, files or IPVS as a change', () => {
    const a = withModel(snapshotBody(), (c) => ({
      ...c,
      accounts: [
        ...c.accounts,
        { name: 'shop', uid: 2002, gid: 2002, quotaMiB: 0, domain: 'shop.example' },
      ],
      vips: [{ address: '10.10.0.100' }, { address: '10.10.0.101' }],
      services: [
        ...c.services,
        { ...c.services[0], id: 'alt', name: 'Alt', listen: { kind: 'port', port: 81 } },
      ],
    }));
    const b = withModel(a, (c) => ({
      ...c,
      nodes: [...c.nodes].reverse(),
      accounts: [...c.accounts].reverse(),
      vips: [...(c.vips ?? [])].reverse(),
      services: [...c.services]
        .reverse()
        .map((s) => ({ ...s, realServers: [...s.realServers].reverse() })),
    }));
    const reordered = {
      ...b,
      hosts: [...b.hosts].reverse().map((h) => ({ ...h, files: [...h.files].reverse() })),
      lb: b.lb && {
        ...b.lb,
        services: b.lb.services.map((s) => ({ ...s, realServers: [...s.realServers].reverse() })),
      },
    };
    expect(diffSnapshots(a, reordered).changes).toEqual([]);
  });

  it('lists model changes: a weight, an account, a node, a VIP, a setting', () => {
    const a = snapshotBody();
    const b = withModel(a, (c) => ({
      ...c,
      nodes: c.nodes.map((n) => (n.hostId === LAB.node2 ? { ...n, lbMode: 'drain' } : n)),
      accounts: [
        ...c.accounts,
        { name: 'shop', uid: 2002, gid: 2002, quotaMiB: 50, domain: 'shop.example' },
      ],
      vips: [...(c.vips ?? []), { address: '10.10.0.101' }],
      services: c.services.map((s) => ({
        ...s,
        realServers: s.realServers.map((r) => (r.hostId === LAB.node1 ? { ...r, weight: 3 } : r)),
      })),
      settings: { ...c.settings, queueRetryIntervalSec: 600 },
    }));
    expect(summary(a, b)).toEqual([
      ['model', 'settings: queueRetryIntervalSec', '300', '600'],
      ['model', 'nodes: node2: lbMode', 'active', 'drain'],
      ['model', 'accounts: shop', null, 'shop.example, uid 2002, quota 50 MiB'],
      ['model', 'vips: 10.10.0.101', null, '10.10.0.101'],
      ['model', 'services: http: weight of node1', '1', '3'],
    ]);
    expect(summary(b, a).map((c) => c[1])).toContain('accounts: shop');
  });

  it('lists a changed file with its unified diff, and a deleted one', () => {
    const a = snapshotBody();
    const b = mapHost(a, LAB.manager, (h) => ({
      ...h,
      files: h.files.map((f) =>
        f.path === '/etc/keepalived/keepalived.conf'
          ? {
              ...f,
              content: KEEPALIVED_CONF.replace(
                '    weight 1\n  }\n  real_server 10.10.0.12',
                '    weight 3\n  }\n  real_server 10.10.0.12',
              ),
            }
          : { ...f, content: null },
      ),
    }));
    const d = diffSnapshots(a, b);
    expect(d.changes.map((c) => [c.kind, c.hostName, c.subject, c.before, c.after])).toEqual([
      ['file', 'manager', 'manager:/etc/exports', 'present', 'absent'],
      ['file', 'manager', 'manager:/etc/keepalived/keepalived.conf', 'present', 'present'],
    ]);
    expect(d.changes[1]?.diff).toContain(
      '--- a/etc/keepalived/keepalived.conf\n+++ b/etc/keepalived/keepalived.conf\n',
    );
    expect(d.changes[1]?.diff).toContain('\n-    weight 1\n+    weight 3\n');
    expect(d.changes[0]?.diff).toContain('+++ /dev/null\n');
  });

  it('lists a file only one snapshot lists as created or deleted', () => {
    const a = snapshotBody();
    const vhost = {
      path: '/etc/nginx/sites-enabled/shop.conf',
      content: 'server {}\n',
      error: null,
    };
    const b = mapHost(a, LAB.node1, (h) => ({ ...h, files: [...h.files, vhost] }));
    expect(summary(a, b)).toEqual([
      ['file', 'node1:/etc/nginx/sites-enabled/shop.conf', 'absent', 'present'],
    ]);
    expect(summary(b, a)).toEqual([
      ['file', 'node1:/etc/nginx/sites-enabled/shop.conf', 'present', 'absent'],
    ]);
  });

  it('skips a file that either side could not read', () => {
    const a = snapshotBody();
    const b = mapHost(a, LAB.manager, (h) => ({
      ...h,
      files: h.files.map((f) => ({ ...f, content: null, error: 'permission denied' })),
    }));
    expect(diffSnapshots(a, b).changes).toEqual([]);
  });

  it('lists IPVS changes: a server down and out, a weight, a server added', () => {
    const a = snapshotBody();
    const b = structuredClone(a);
    const svc = b.lb?.services[0];
    if (!svc) throw new Error('fixture has a service');
    svc.realServers = [
      realServer(LAB.node1, { weight: 3, modelWeight: 3 }),
      realServer(LAB.node2, {
        state: 'down',
        weight: null,
        check: 'down',
        down: { reason: 'connection refused', since: '2026-12-02T00:00:00.000Z' },
      }),
      realServer(LAB.manager, { isManager: true, forward: 'Local' }),
    ];
    const d = diffSnapshots(a, b);
    expect(d.changes.map((c) => [c.kind, c.hostName, c.subject, c.before, c.after])).toEqual([
      ['ipvs', 'node1', 'HTTP (tcp 10.10.0.100:80): node1', 'up, weight 1', 'up, weight 3'],
      [
        'ipvs',
        'node2',
        'HTTP (tcp 10.10.0.100:80): node2',
        'up, weight 1',
        'down (connection refused), not in IPVS',
      ],
      ['ipvs', 'manager', 'HTTP (tcp 10.10.0.100:80): manager', null, 'up, weight 1'],
    ]);
  });

  it('lists facts: kernel, module, disk space past the threshold, reach', () => {
    const a = snapshotBody();
    let b = mapHost(a, LAB.node1, (h) => {
      const f = structuredClone(h.facts);
      if (!f) throw new Error('fixture has facts');
      f.kernel = '6.1.0-30-amd64';
      f.modules.ip_vs = { loaded: true, builtin: false, available: true };
      const root = f.disks[0];
      if (root?.availBytes) root.availBytes -= 2 * 1024 ** 3;
      return { ...h, facts: f };
    });
    b = mapHost(b, LAB.node2, (h) => ({
      ...h,
      reachable: false,
      error: { code: 'HOST_UNREACHABLE', message: 'no route to host' },
    }));
    expect(summary(a, b)).toEqual([
      ['fact', 'kernel', '6.1.0-28-amd64', '6.1.0-30-amd64'],
      [
        'fact',
        'disk /',
        'ext4 on /, 11.2 GiB free of 14.9 GiB',
        'ext4 on /, 9.2 GiB free of 14.9 GiB',
      ],
      ['fact', 'module ip_vs', 'available', 'loaded'],
      ['fact', 'reachable', 'reachable', 'unreachable: no route to host'],
    ]);
  });

  it('lists queue failures that are new in the newer snapshot only', () => {
    const old = doneItem(LAB.node1, 10, { state: 'failed', lastError: 'apt-get: lock held' });
    const fresh = doneItem(LAB.node1, 11, {
      state: 'failed',
      title: 'Reload nginx',
      lastError: 'exit 1',
    });
    const a = mapHost(snapshotBody(), LAB.node1, (h) => ({
      ...h,
      queue: h.queue && { ...h.queue, status: 'halted', items: [...h.queue.items, old] },
    }));
    const b = mapHost(a, LAB.node1, (h) => ({
      ...h,
      queue: h.queue && { ...h.queue, items: [...h.queue.items, fresh], current: fresh },
    }));
    const d = diffSnapshots(a, b);
    expect(d.changes.map((c) => [c.kind, c.hostName, c.subject, c.after])).toEqual([
      ['queue', 'node1', 'Reload nginx (lb.keepalived.conf, item 11)', 'failed: exit 1'],
    ]);
    expect(diffSnapshots(b, b).changes).toEqual([]);
  });
});
