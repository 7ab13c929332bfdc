import { describe, expect, it } from 'vitest';
import { httpService, lbCluster, lbInput } from '../lb/testing/lb-fixtures';
import { parseCluster, storageHostId, type ClusterLayout } from '../model/cluster';
import { PATHS } from '../base/remote-paths';
import { planCluster } from '../cluster/plan';
import { EXPORT_OPTIONS, NFS_MOUNT_OPTIONS } from './files';
import { NFS_PORTS, STORAGE_FIREWALL_STEP } from './storage-firewall';
import { LAB, labCluster, labInput } from './testing/lab-fixtures';
import type { Plan, PlanStep } from './types';

const LAYOUTS: ClusterLayout[] = ['public', 'public-private', 'private-nat'];

function stepOf(plan: Plan, hostId: string, id: string): PlanStep | undefined {
  return plan.hosts.find((h) => h.hostId === hostId)?.steps.find((s) => s.id === id);
}

function ids(plan: Plan, hostId: string): string[] {
  return plan.hosts.find((h) => h.hostId === hostId)?.steps.map((s) => s.id) ?? [];
}

/** The addresses in the clients set of the planned storage firewall. */
function firewallClients(plan: Plan, hostId: string): string[] {
  const rules = stepOf(plan, hostId, STORAGE_FIREWALL_STEP.firewall)?.files[0]?.content ?? '';
  const m = /elements = \{ ([^}]*) \}/.exec(rules);
  return (m?.[1] ?? '').split(', ').filter((x) => x !== '');
}

describe('shared storage: root squash, mount flags and the storage firewall', () => {
  it('exports with root_squash; every mount of the data has nosuid and nodev, and its check requires them', () => {
    expect(EXPORT_OPTIONS.split(',')).toContain('root_squash');
    expect(EXPORT_OPTIONS).not.toMatch(/no_root_squash/);
    for (const storage of ['manager', 'external'] as const) {
      const plan = planCluster(labInput(labCluster('public-private', storage)));
      for (const [host, id] of [
        [LAB.node1, 'node.mount'],
        [storage === 'manager' ? LAB.manager : LAB.storage, 'storage.mount'],
        ...(storage === 'external' ? [[LAB.manager, 'manager.mount']] : []),
      ] as const) {
        const s = stepOf(plan, host, id);
        expect(s?.files[0]?.content, `${host} ${id}`).toMatch(
          / \S*,nosuid,nodev,\S* 0 [02] # clusterdeck\n$/,
        );
        expect(s?.check, `${host} ${id}`).toContain('findmnt -n -O nosuid,nodev');
        expect(s?.verify, `${host} ${id}`).toContain('findmnt -n -O nosuid,nodev');
      }
    }
    expect(NFS_MOUNT_OPTIONS.split(',')).toEqual(expect.arrayContaining(['nosuid', 'nodev']));
  });

  it("no host that mounts the storage does root work on it: homes, owners, modes and quotas are the storage host's", () => {
    const rootWork = /\bcp -a\b|\bsetquota\b|\binstall -d\b|\bchown\b|\bchmod\b|\buseradd\b.* -m\b/;
    for (const storage of ['manager', 'external'] as const)
      for (const layout of LAYOUTS) {
        const c = parseCluster({
          ...lbCluster(
            [httpService(layout === 'private-nat' ? { vip: '10.20.0.100' } : {})],
            layout,
          ),
          storage: labCluster(layout, storage).storage,
        });
        const plan = planCluster(lbInput(c));
        const home = plan.hosts.find((h) => h.hostId === storageHostId(c));
        expect(home?.steps.some((s) => s.commands.some((x) => rootWork.test(x)))).toBe(true);
        for (const h of plan.hosts.filter((x) => x.hostId !== storageHostId(c)))
          for (const s of h.steps)
            for (const command of s.commands)
              expect(
                rootWork.test(command),
                `${layout}/${storage} ${h.hostName} ${s.id}: ${command}`,
              ).toBe(false);
      }
  });

  it('the firewall lets exactly the export clients in: private addresses on private layouts, public ones only when all is public', () => {
    for (const layout of LAYOUTS) {
      for (const storage of ['manager', 'external'] as const) {
        const c = labCluster(layout, storage);
        const plan = planCluster(labInput(c));
        const host = storageHostId(c);
        const exported = (stepOf(plan, host, 'storage.exports')?.files[0]?.content ?? '')
          .split('\n')[1]
          ?.split(' ')
          .slice(1)
          .map((x) => x.replace(/\(.*/, ''));
        const allowed = firewallClients(plan, host);
        expect(allowed, `${layout}/${storage}`).toEqual(exported);
        for (const a of allowed) expect(a).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        if (layout !== 'public')
          for (const a of allowed) expect(a, `${layout}/${storage}`).toMatch(/^10\.20\./);
        else expect(allowed).toEqual(expect.arrayContaining(['10.10.0.11', '10.10.0.12']));
      }
    }
  });

  it('names every NFS port, TCP and UDP, and is loaded before anything is exported or started', () => {
    const plan = planCluster(labInput(labCluster('public-private')));
    const rules =
      stepOf(plan, LAB.manager, STORAGE_FIREWALL_STEP.firewall)?.files[0]?.content ?? '';
    expect(rules).toContain(
      `meta l4proto { tcp, udp } th dport { ${Object.values(NFS_PORTS)
        .sort((a, b) => a - b)
        .join(', ')} } jump nfs`,
    );
    expect(rules).toMatch(/\t\tip saddr @clients fib saddr \. iif oif exists accept\n\t\tdrop\n/);
    const order = ids(plan, LAB.manager);
    const at = (id: string) => order.indexOf(id);
    expect(at('storage.packages')).toBeLessThan(at(STORAGE_FIREWALL_STEP.firewall));
    expect(at(STORAGE_FIREWALL_STEP.firewall)).toBeLessThan(at(STORAGE_FIREWALL_STEP.ports));
    expect(at(STORAGE_FIREWALL_STEP.ports)).toBeLessThan(at('storage.exports'));
    expect(at('storage.exports')).toBeLessThan(at('storage.services'));
    const ports = stepOf(plan, LAB.manager, STORAGE_FIREWALL_STEP.ports);
    expect(ports?.files.map((f) => f.path)).toEqual([PATHS.nfsPorts, PATHS.rquotadDropIn]);
    expect(ports?.files[0]?.content).toMatch(
      /\[mountd\]\nport=20048\n\[statd\]\nport=662\n\[lockd\]\nport=4045\nudp-port=4045\n/,
    );
    expect(ports?.files[1]?.content).toContain('--port 875');
  });

  it('a manager that no longer holds the storage loses the storage firewall; one that never had it plans nothing', () => {
    const c = labCluster('public-private', 'external');
    const clean = planCluster(labInput(c));
    expect(ids(clean, LAB.manager)).not.toContain(STORAGE_FIREWALL_STEP.remove);
    const input = labInput(c);
    const m = input.observed[LAB.manager];
    if (m) {
      m.files[PATHS.storageFirewall] = 'table inet clusterdeck_storage {}\n';
      m.files[PATHS.storageFirewallUnit] = '[Unit]\n';
    }
    const remove = stepOf(planCluster(input), LAB.manager, STORAGE_FIREWALL_STEP.remove);
    expect(remove?.commands).toContain(
      '! nft list table inet clusterdeck_storage >/dev/null 2>&1 || nft delete table inet clusterdeck_storage',
    );
    expect(remove?.commands).toContain(
      `rm -f ${PATHS.storageFirewall} ${PATHS.storageFirewallUnit}`,
    );
    expect(ids(planCluster(input), LAB.storage)).toContain(STORAGE_FIREWALL_STEP.firewall);
  });
});
