import { expectGolden } from '../testing/golden.test-support';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../model/cluster';
import { planCluster } from '../cluster/plan';
import { renderPlan } from './render';
import {
  LAB,
  LAB_HOSTS,
  labCluster,
  labInput,
  observedAfter,
  withAbsent,
} from './testing/lab-fixtures';
import type { Plan } from './types';

const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7k9v0Qm2b1n7n3Xo8Y3t1lUuJ3vC9nq0m5o2b3c4d5 anna@laptop';
const HASH = `$6$abcdefgh$${'x'.repeat(86)}`;

const withAccount = (c: Cluster, patch: Record<string, unknown>): Cluster =>
  parseCluster({ ...c, accounts: c.accounts.map((a) => ({ ...a, ...patch })) });

/** The plan of `applied`, and the hosts as that plan leaves them. */
function appliedState(applied: Cluster) {
  const input = labInput(applied);
  return observedAfter(planCluster(input), input.observed);
}

function update(applied: Cluster, desired: Cluster): Plan {
  const observed = withAbsent(appliedState(applied), desired, applied);
  return planCluster({ desired, applied, hosts: LAB_HOSTS, observed });
}

const ids = (plan: Plan, hostId: string) =>
  plan.hosts.find((h) => h.hostId === hostId)?.steps.map((s) => s.id) ?? [];
const stepOf = (plan: Plan, hostId: string, id: string) =>
  plan.hosts.find((h) => h.hostId === hostId)?.steps.find((s) => s.id === id);

describe('an account is a working site', () => {
  it('without SFTP settings there is no SFTP step, group or sshd drop-in anywhere', () => {
    const plan = planCluster(labInput(labCluster('public-private')));
    for (const h of plan.hosts)
      expect(ids(plan, h.hostId).filter((id) => id.startsWith('sftp.'))).toEqual([]);
  });

  it('SFTP on every node: group, root-owned key file, password by hash on stdin, sshd tested before reload', () => {
    const c = withAccount(labCluster('public-private'), {
      sftp: { authorizedKeys: [KEY], passwordHash: HASH },
    });
    const plan = planCluster(labInput(c));
    for (const n of [LAB.node1, LAB.node2]) {
      expect(ids(plan, n).filter((id) => id.startsWith('sftp.'))).toEqual([
        'sftp.group',
        'sftp.keys.web1',
        'sftp.password.web1',
        'sftp.sshd',
      ]);
      // After the account's user exists on the node.
      expect(ids(plan, n).indexOf('account.add.web1')).toBeLessThan(
        ids(plan, n).indexOf('sftp.group'),
      );
    }
    expect(ids(plan, LAB.manager).filter((id) => id.startsWith('sftp.'))).toEqual([]);
    const keys = stepOf(plan, LAB.node1, 'sftp.keys.web1')?.files[0];
    expect(keys).toMatchObject({
      path: '/etc/ssh/clusterdeck-keys/web1',
      owner: 'root',
      mode: '0644',
      content: `${KEY}\n`,
    });
    const sshd = stepOf(plan, LAB.node1, 'sftp.sshd');
    const conf = sshd?.files[0]?.content ?? '';
    expect(conf).toContain('Match Group clusterdeck-sftp\n');
    for (const line of [
      'ChrootDirectory %h',
      'ForceCommand internal-sftp',
      'AuthorizedKeysFile /etc/ssh/clusterdeck-keys/%u',
      'AllowTcpForwarding no',
      'PermitTunnel no',
      'X11Forwarding no',
    ])
      expect(conf).toContain(`    ${line}`);
    // Nothing outside the Match: root's and the admins' logins stay as they are.
    expect(
      conf.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('    ')),
    ).toEqual(['Match Group clusterdeck-sftp']);
    expect(sshd?.commands.findIndex((c) => c.startsWith('sshd -t'))).toBeLessThan(
      sshd?.commands.indexOf('systemctl reload ssh') ?? -1,
    );
    // chpasswd gets the hash on stdin from printf (a builtin), not as an argument.
    const pw = stepOf(plan, LAB.node1, 'sftp.password.web1');
    expect(pw?.commands).toEqual([`printf '%s\\n' 'web1:${HASH}' | chpasswd -e`]);
    expect(pw?.check).toContain(HASH);
  });

  it('editing quota, aliases and SFTP re-plans only the quota, the vhost and the SFTP steps', () => {
    const applied = labCluster('public-private');
    const desired = withAccount(applied, {
      quotaMiB: 20,
      aliases: ['shop.example'],
      sftp: { authorizedKeys: [KEY] },
    });
    const plan = update(applied, desired);
    expect(plan.title).toBe('Update cluster lab: change account web1');
    expect(ids(plan, LAB.manager)).toEqual(['account.add.web1']);
    expect(ids(plan, LAB.node1)).toEqual([
      'sftp.group',
      'sftp.keys.web1',
      'sftp.password.web1',
      'sftp.sshd',
      'lb.vhost.web1',
    ]);
    expect(stepOf(plan, LAB.node1, 'lb.vhost.web1')?.files[0]?.content).toContain(
      'server_name web1.example www.web1.example shop.example;',
    );
    expect(stepOf(plan, LAB.node1, 'sftp.password.web1')?.commands).toEqual([
      `printf '%s\\n' 'web1:!' | chpasswd -e`,
    ]);
    expectGolden(join(__dirname, '__golden__', 'account-edit.txt'), renderPlan(plan));
  });

  it('taking SFTP away empties the group, locks the password, removes the keys and the drop-in', () => {
    const applied = withAccount(labCluster('public-private'), {
      sftp: { authorizedKeys: [KEY], passwordHash: HASH },
    });
    const desired = withAccount(applied, { sftp: undefined });
    const plan = update(applied, desired);
    expect(ids(plan, LAB.node2)).toEqual([
      'sftp.group',
      'sftp.password.web1',
      'sftp.keys.remove.web1',
      'sftp.sshd.remove',
    ]);
    expect(stepOf(plan, LAB.node2, 'sftp.group')?.check).toContain(`cut -d: -f4)" = ''`);
  });

  it('deleting an account removes its vhost on every node and keeps its files', () => {
    const applied = labCluster('public-private');
    const plan = update(applied, parseCluster({ ...applied, accounts: [] }));
    for (const n of [LAB.node1, LAB.node2]) expect(ids(plan, n)).toContain('lb.vhost.remove.web1');
    expect(ids(plan, LAB.manager)).toEqual(['account.delete.web1']);
  });
});
