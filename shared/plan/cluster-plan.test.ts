import { expectGolden } from '../testing/golden.test-support';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../base/errors';
import { parseCluster, type Cluster } from '../model/cluster';
import { observationsFor } from '../cluster/observe';
import { planCluster } from '../cluster/plan';
import { planForceRemoveNode } from './leave';
import { renderPlan } from './render';
import {
  engineReads,
  LAB,
  LAB_HOSTS,
  labCluster,
  labInput,
  labObserved,
  observedAfter,
  withAbsent,
} from './testing/lab-fixtures';
import type { Plan } from './types';

const GOLDEN = join(__dirname, '__golden__');

function golden(name: string, plan: Plan): void {
  expectGolden(join(GOLDEN, `${name}.txt`), renderPlan(plan));
}

/** The plan of `applied`, and the hosts as that plan leaves them. */
function appliedState(applied: Cluster) {
  const input = labInput(applied);
  const plan = planCluster(input);
  return { plan, observed: observedAfter(plan, input.observed) };
}

function withAccounts(c: Cluster, accounts: Cluster['accounts']): Cluster {
  return parseCluster({ ...c, accounts });
}

function steps(plan: Plan, hostId: string): string[] {
  return plan.hosts.find((h) => h.hostId === hostId)?.steps.map((s) => s.id) ?? [];
}

describe('planCluster goldens', () => {
  it('all-public layout, storage on the manager', () => {
    golden('public-manager', planCluster(labInput(labCluster('public'))));
  });

  it('public + private layout, storage on the manager', () => {
    golden('public-private-manager', planCluster(labInput(labCluster('public-private'))));
  });

  it('private layout behind NAT, storage on the manager', () => {
    golden('private-nat-manager', planCluster(labInput(labCluster('private-nat'))));
  });

  it('public + private layout, external storage host', () => {
    golden(
      'public-private-external',
      planCluster(labInput(labCluster('public-private', 'external'))),
    );
  });

  it('adding an account plans it on the storage host and every node, nothing else', () => {
    const applied = labCluster('public-private');
    const { observed } = appliedState(applied);
    const desired = withAccounts(applied, [
      ...applied.accounts,
      { name: 'web2', uid: 2002, gid: 2002, quotaMiB: 500, domain: 'web2.example' },
    ]);
    const plan = planCluster({
      desired,
      applied,
      hosts: LAB_HOSTS,
      observed: withAbsent(observed, desired, applied),
    });
    // The same apply makes it a site: document root on the storage, vhost on every node.
    expect(plan.hosts.map((h) => [h.hostName, h.steps.map((s) => s.id)])).toEqual([
      ['manager', ['account.add.web2', 'lb.docroot.web2']],
      ['node1', ['account.add.web2', 'lb.vhost.web2']],
      ['node2', ['account.add.web2', 'lb.vhost.web2']],
    ]);
    golden('add-account', plan);
  });

  it('a leaving node unmounts first; the export change waits for it', () => {
    const applied = labCluster('public-private');
    const { observed } = appliedState(applied);
    const desired = parseCluster({
      ...applied,
      nodes: applied.nodes.filter((n) => n.hostId !== LAB.node2),
    });
    // Planned from what the engine reads for this change (the leaving node's files included).
    const reads = engineReads(observed, desired, applied);
    const plan = planCluster({ desired, applied, hosts: LAB_HOSTS, observed: reads });
    expect(steps(plan, LAB.node2)).toEqual([
      'lb.vhost.remove.web1',
      'leave.unmount',
      'leave.home',
      'leave.account.web1',
    ]);
    const exp = plan.hosts
      .find((h) => h.hostId === LAB.manager)
      ?.steps.find((s) => s.id === 'storage.exports');
    expect(exp?.waitFor).toEqual([
      { hostId: LAB.node2, stepId: 'leave.unmount', hostName: 'node2' },
    ]);
    expect(exp?.files[0]?.content).not.toContain('10.20.0.12');
    const fstab = plan.hosts
      .find((h) => h.hostId === LAB.node2)
      ?.steps.find((s) => s.id === 'leave.unmount')?.files[0];
    expect(fstab?.content).toBe('/dev/vda / ext4 rw,noatime 0 0\n');
    golden('node-leave', plan);
  });

  it('deleting an account removes quota, user and group but never the home', () => {
    const applied = labCluster('public-private');
    const { observed } = appliedState(applied);
    const plan = planCluster({
      desired: withAccounts(applied, []),
      applied,
      hosts: LAB_HOSTS,
      observed,
    });
    const all = plan.hosts.flatMap((h) =>
      h.steps.flatMap((s) => [...s.commands, s.check ?? '', s.verify ?? '']),
    );
    // Only the vhost's files in /etc go; nothing under the homes.
    expect(all.join('\n')).not.toMatch(/\brm\b[^\n]*(home|chroot)|userdel -r|--remove/);
    expect(steps(plan, LAB.node1)).toContain('lb.vhost.remove.web1');
    golden('account-delete', plan);
  });

  it('re-planning after an apply shows no file change', () => {
    const desired = labCluster('public-private');
    const { observed } = appliedState(desired);
    const plan = planCluster({ desired, applied: null, hosts: LAB_HOSTS, observed });
    const files = plan.hosts.flatMap((h) => h.steps.flatMap((s) => s.files));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.diff, f.path).toBe('');
    golden('replan-after-apply', plan);
    // And with the applied model given, there is nothing to do at all.
    expect(planCluster({ desired, applied: desired, hosts: LAB_HOSTS, observed }).hosts).toEqual(
      [],
    );
  });
});

describe('planCluster rules', () => {
  it('refuses an invalid model with the field named', () => {
    const bad = parseCluster({
      ...labCluster('public-private'),
      manager: { ...labCluster('public-private').manager, quorumIp: '10.20.0.11' },
    });
    try {
      planCluster(labInput(bad));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('VALIDATION');
      expect((e as Error).message).toMatch(/^manager\.quorumIp: /);
    }
  });

  it('refuses to plan without the host files it edits', () => {
    const input = labInput(labCluster('public-private'));
    const node1 = input.observed[LAB.node1];
    if (node1) delete node1.files['/etc/fstab'];
    expect(() => planCluster(input)).toThrow(/\/etc\/fstab on host node1 was not read/);
  });

  it('exports nothing, not everything, when no node is enabled', () => {
    const c = parseCluster({ ...labCluster('public-private'), nodes: [] });
    const exp = planCluster(labInput(c)).hosts[0]?.steps.find((s) => s.id === 'storage.exports');
    expect(exp?.files[0]?.content).not.toMatch(/^\/chroot\/home/m);
  });

  it('keeps the quorum IP with a unit when networkd does not manage the interface', () => {
    const input = labInput(labCluster('public-private'));
    const m = input.observed[LAB.manager];
    if (m) m.files['/run/systemd/netif/links/3'] = null;
    const q = planCluster(input).hosts[0]?.steps.find((s) => s.id === 'manager.quorum-ip');
    expect(q?.files[0]?.path).toBe('/etc/systemd/system/clusterdeck-quorum-ip.service');
    expect(q?.files[0]?.content).toContain('ExecStart=ip addr replace 10.20.0.2/24 dev eth1');
    // Enabled only when it is not yet: `systemctl enable` costs seconds even when nothing changes.
    expect(q?.commands).toContain(
      'systemctl is-enabled -q clusterdeck-quorum-ip.service || systemctl enable clusterdeck-quorum-ip.service',
    );
  });

  it('uses an ifupdown stanza when /etc/network/interfaces configures the interface', () => {
    const input = labInput(labCluster('public-private'));
    const m = input.observed[LAB.manager];
    if (m) {
      m.files['/run/systemd/netif/links/3'] = null;
      m.files['/etc/network/interfaces'] =
        'source /etc/network/interfaces.d/*\nauto eth1\niface eth1 inet static\n  address 10.20.0.10/24\n';
    }
    const q = planCluster(input).hosts[0]?.steps.find((s) => s.id === 'manager.quorum-ip');
    expect(q?.files[0]?.path).toBe('/etc/network/interfaces.d/clusterdeck-quorum');
    expect(q?.files[0]?.content).toContain('iface eth1 inet static\n    address 10.20.0.2/24\n');
  });

  it('refuses to move the storage of a set-up cluster', () => {
    const applied = labCluster('public-private');
    const desired = labCluster('public-private', 'external');
    expect(() => planCluster({ ...labInput(desired), applied })).toThrow(/^storage: /);
  });

  it('a force-removed node is listed with what stays on it, and the export drops it at once', () => {
    const applied = labCluster('public-private');
    const { observed } = appliedState(applied);
    const { cluster, leftovers } = planForceRemoveNode({
      cluster: applied,
      hostId: LAB.node2,
      hosts: LAB_HOSTS,
    });
    expect(cluster.nodes.map((n) => n.hostId)).toEqual([LAB.node1]);
    expect(leftovers.join('\n')).toMatch(
      /fstab line: 10\.20\.0\.2:\/chroot\/home \/chroot\/home nfs/,
    );
    expect(leftovers.join('\n')).toMatch(/user and group web1 \(uid 2001, gid 2001\)/);
    const plan = planCluster({ desired: cluster, applied: cluster, hosts: LAB_HOSTS, observed });
    expect(plan.hosts).toEqual([]);
    const forced = planCluster({
      desired: cluster,
      applied: parseCluster({ ...applied, nodes: cluster.nodes }),
      hosts: LAB_HOSTS,
      observed,
    });
    expect(forced.hosts.some((h) => h.hostId === LAB.node2)).toBe(false);
    expect(() => planForceRemoveNode({ cluster, hostId: LAB.node2, hosts: LAB_HOSTS })).toThrow(
      /not a node/,
    );
  });

  it('keeps step ids unique per host and waits only for steps that exist', () => {
    for (const plan of [
      planCluster(labInput(labCluster('public'))),
      planCluster(labInput(labCluster('public-private', 'external'))),
    ]) {
      const ids = new Map(plan.hosts.map((h) => [h.hostId, h.steps.map((s) => s.id)]));
      for (const h of plan.hosts) {
        expect(new Set(h.steps.map((s) => s.id)).size).toBe(h.steps.length);
        for (const s of h.steps)
          for (const w of s.waitFor) expect(ids.get(w.hostId)).toContain(w.stepId);
      }
    }
  });
});

describe('observationsFor', () => {
  it('asks every host for the files the planner edits, then follows the quorum interface', () => {
    const c = labCluster('public-private');
    const first = observationsFor(c);
    expect(first[LAB.node1]).toEqual([
      '/etc/fstab',
      '/etc/passwd',
      '/etc/group',
      '/proc/mounts',
      '/etc/ssh/sshd_config.d/50-clusterdeck-sftp.conf',
      '/etc/ssh/clusterdeck-keys/web1',
      '/etc/nginx/nginx.conf',
      '/etc/apache2/apache2.conf',
      '/etc/nginx/sites-available/clusterdeck-web1.conf',
      '/etc/apache2/sites-available/clusterdeck-web1.conf',
    ]);
    expect(first[LAB.manager]).toContain('/etc/exports.d/clusterdeck.exports');
    const observed = labObserved();
    const next = observationsFor(c, { observed });
    expect(next[LAB.manager]).toEqual(
      expect.arrayContaining([
        '/sys/class/net/eth1/ifindex',
        '/run/systemd/netif/links/3',
        '/etc/systemd/network/11-private.network.d/50-clusterdeck-quorum.conf',
      ]),
    );
  });

  it('reads removed nodes too', () => {
    const applied = labCluster('public-private');
    const desired = parseCluster({ ...applied, nodes: [] });
    expect(Object.keys(observationsFor(desired, { applied }))).toContain(LAB.node2);
  });
});
