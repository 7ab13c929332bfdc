import { expectGolden } from '../testing/golden.test-support';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../model/cluster';
import { planCluster } from '../cluster/plan';
import { renderPlan } from '../plan/render';
import { labCluster, observedAfter } from '../plan/testing/lab-fixtures';
import type { Plan } from '../plan/types';
import { LB_PATHS } from '../base/remote-paths';
import {
  LAB,
  LAB_HOSTS,
  LB_SERVICES,
  LB_VIPS,
  lbCluster,
  lbInput,
  lbObserved,
} from './testing/lb-fixtures';

const GOLDEN = join(__dirname, '__golden__');

function golden(name: string, plan: Plan): void {
  expectGolden(join(GOLDEN, `${name}.txt`), renderPlan(plan));
}

const SERVICES = LB_SERVICES;
const VIPS = LB_VIPS;

/** The plan of `applied`, and the hosts as that plan leaves them. */
function applyAll(applied: Cluster) {
  const input = lbInput(applied);
  const plan = planCluster(input);
  return { plan, observed: observedAfter(plan, input.observed) };
}

/** `from` applied, then `to` planned against the hosts as `from` left them. */
function change(from: Cluster, to: Cluster): Plan {
  const { observed } = applyAll(from);
  // Paths the new model asks for that the old one did not: absent on the hosts.
  const fresh = lbObserved(to, from);
  for (const [id, o] of Object.entries(fresh)) {
    const now = observed[id];
    if (now) for (const [p, v] of Object.entries(o.files)) if (!(p in now.files)) now.files[p] = v;
  }
  return planCluster({
    desired: to,
    applied: from,
    hosts: LAB_HOSTS,
    observed,
  });
}

function stepIds(plan: Plan): string[][] {
  return plan.hosts.map((h) => [h.hostName, ...h.steps.map((s) => s.id)]);
}

describe('load-balancer plans', () => {
  const full = lbCluster(SERVICES, 'public-private', VIPS);

  it('setup with DR, a firewall-mark group, NAT and TUN services (golden)', () => {
    golden('lb-setup', planCluster(lbInput(full)));
  });

  it('adding load balancing to a running cluster plans only the LB steps (golden)', () => {
    const plan = change(labCluster('public-private'), full);
    golden('lb-add', plan);
    expect(plan.title).toBe('Update cluster lab: change load balancing');
  });

  it('removing the TUN service and its VIP undoes exactly what they added (golden)', () => {
    const without = lbCluster(SERVICES.slice(0, 3), 'public-private', VIPS.slice(0, 1));
    const plan = change(full, without);
    golden('lb-remove-service', plan);
    const node1 = plan.hosts.find((h) => h.hostId === LAB.node1)?.steps.map((s) => s.id);
    // The kernel settings stay until the VIP is gone from tunl0, then are trimmed.
    expect(node1).toEqual(['lb.rs.addresses', 'lb.rs.cleanup', 'lb.rs.trim.kernel']);
  });

  it('removing every service gives the hosts back (golden)', () => {
    const plan = change(full, parseCluster({ ...full, services: [], vips: [] }));
    golden('lb-remove-all', plan);
    const texts = plan.hosts.flatMap((h) => h.steps.flatMap((s) => s.commands)).join('\n');
    expect(texts).toContain('systemctl stop keepalived');
    expect(texts).toContain('systemctl disable keepalived');
    expect(texts).toContain(`rm -f ${LB_PATHS.realServerUnit}`);
  });

  it('a leaving node loses its vhosts, VIPs, routes and kernel settings (golden)', () => {
    const leave = parseCluster({
      ...full,
      nodes: full.nodes.map((n) => (n.hostId === LAB.node2 ? { ...n, enabled: false } : n)),
      services: SERVICES.map((s) => ({
        ...s,
        realServers: [{ hostId: LAB.node1 }],
      })),
    });
    golden('lb-node-leave', change(full, leave));
  });

  it('draining a node sets its weight to 0 in keepalived.conf only; maintenance takes it out; both keep its VIPs', () => {
    const withMode = (lbMode: 'drain' | 'maintenance') =>
      parseCluster({
        ...full,
        nodes: full.nodes.map((n) => (n.hostId === LAB.node2 ? { ...n, lbMode } : n)),
      });
    const conf = (p: Plan) =>
      p.hosts
        .find((h) => h.hostId === LAB.manager)
        ?.steps.find((s) => s.id === 'lb.manager.keepalived')?.files[0]?.content ?? '';
    const node2Block = (text: string) =>
      /real_server 10\.10\.0\.12 80 \{[^}]*\}/.exec(text)?.[0] ?? '';

    const drain = change(full, withMode('drain'));
    // Only the manager's keepalived and its IPVS check change: node2 keeps its VIP on lo.
    expect(stepIds(drain)).toEqual([['manager', 'lb.manager.keepalived', 'lb.manager.ipvs-sync']]);
    expect(node2Block(conf(drain))).toMatch(/weight 0/);
    expect(conf(drain)).toMatch(/real_server 10\.10\.0\.11 80 \{\s*weight 1/);

    const maintenance = change(full, withMode('maintenance'));
    expect(stepIds(maintenance)).toEqual([
      ['manager', 'lb.manager.keepalived', 'lb.manager.ipvs-sync'],
    ]);
    expect(conf(maintenance)).not.toContain('real_server 10.10.0.12 ');
    expect(conf(maintenance)).toContain('real_server 10.10.0.11 ');
  });

  it('the IPVS drift step re-adds a missing server only when it passes the check from the manager', () => {
    const step = planCluster(lbInput(full))
      .hosts.find((h) => h.hostId === LAB.manager)
      ?.steps.find((s) => s.id === 'lb.manager.ipvs-sync');
    const cmd = step?.commands[0] ?? '';
    expect(cmd).toContain("timeout 1 bash -c 'exec 3<>/dev/tcp/10.10.0.11/80'");
    expect(cmd).toContain('ipvsadm -a -t 10.10.0.100:80 -r 10.10.0.11:80 -g -w 1');
    // The check: at its weight, or failing its probe (then keepalived keeps it out).
    expect(step?.check).toContain('|| ! timeout 1 bash');
  });

  it('re-planning after a successful apply has nothing left to do', () => {
    const { observed } = applyAll(full);
    expect(
      stepIds(
        planCluster({
          desired: full,
          applied: full,
          hosts: LAB_HOSTS,
          observed,
        }),
      ),
    ).toEqual([]);
  });

  it("a cluster without services plans only the accounts' sites: document root and vhosts, once each", () => {
    const plan = planCluster(lbInput(labCluster('public-private')));
    const ids = (hostId: string) =>
      plan.hosts
        .find((h) => h.hostId === hostId)
        ?.steps.map((s) => s.id)
        .filter((id) => id.startsWith('lb.'));
    expect(ids(LAB.manager)).toEqual(['lb.docroot.web1']);
    for (const n of [LAB.node1, LAB.node2])
      expect(ids(n)).toEqual(['lb.web.service', 'lb.vhost.web1']);
    // With services too, each site step is planned once per host.
    for (const h of planCluster(lbInput(full)).hosts) {
      const all = h.steps.map((s) => s.id);
      expect(new Set(all).size, h.hostName).toBe(all.length);
    }
  });

  it('every command, check and verify is valid POSIX sh', () => {
    const plans = [
      planCluster(lbInput(full)),
      change(full, parseCluster({ ...full, services: [], vips: [] })),
    ];
    for (const plan of plans)
      for (const h of plan.hosts)
        for (const s of h.steps)
          for (const c of [...s.commands, s.check, s.verify])
            if (c !== null)
              expect(spawnSync('/bin/sh', ['-n', '-c', c]).status, `${s.id}: ${c}`).toBe(0);
  });

  it('the keepalived.conf candidate of the plan passes keepalived -t', () => {
    const step = planCluster(lbInput(full)).hosts[0]?.steps.find(
      (s) => s.id === 'lb.manager.keepalived',
    );
    const file = step?.files[0];
    expect(file?.path).toBe(LB_PATHS.keepalivedNew);
    const dir = mkdtempSync(join(tmpdir(), 'cd-lbplan-'));
    try {
      writeFileSync(join(dir, 'k.conf'), file?.content ?? '');
      expect(() =>
        execFileSync('/usr/sbin/keepalived', ['-t', '-f', join(dir, 'k.conf')], { stdio: 'pipe' }),
      ).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // keepalived -t runs before the running file is touched: the order is the safety.
    const cmds = step?.commands ?? [];
    expect(cmds.findIndex((c) => c.includes('keepalived -t'))).toBeLessThan(
      cmds.findIndex((c) => c.startsWith('mv -f')),
    );
  });
});
