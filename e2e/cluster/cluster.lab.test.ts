/**
 * The cluster engine proven on the practice lab: real Debian hosts, real NFS, quotas and queues.
 * Runs in the `lab` vitest project (its global setup starts the lab and always stops it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { openDatabase } from '../../electron/core/store/database';
import { ClustersRepository } from '../../electron/core/store/clusters-repository';
import { ensureLab, type Lab } from '../lab/index.js';
import {
  CLUSTER_HOSTS,
  addLabHosts,
  labClusterModel,
  labEngine,
  labShell,
  tempDataDir,
  waitForApply,
  writePastQuota,
} from './cluster-harness';
import { until } from '../support/wait';

const root = resolve(__dirname, '..', '..');
const account = (name: string, id: number, quotaMiB = 0) => ({
  name,
  uid: id,
  gid: id,
  quotaMiB,
  domain: `${name}.example.com`,
});

let lab: Lab;
let data: ReturnType<typeof tempDataDir>;
let engine: Engine;
let ids: Record<string, string>;
let clusterId: string;
let accounts = [account('web1', 2001, 10)];
let nodes = ['node1', 'node2'];

const sh = (host: string, command: string) => labShell(lab)(host, command);

function itemsOf(applyId: string, hostId: string) {
  return engine.queueRepo.list(hostId, 1000).filter((i) => i.applyId === applyId);
}

function saveModel(): void {
  engine.clusters.save({ ...labClusterModel(ids, accounts, nodes), id: clusterId });
}

beforeAll(async () => {
  lab = await ensureLab();
  await lab.reset([...CLUSTER_HOSTS]);
  data = tempDataDir();
  engine = labEngine(lab, data.dir);
  ids = await addLabHosts(engine, lab);
  clusterId = engine.clusters.save(labClusterModel(ids, accounts)).cluster.id;
});

afterAll(async () => {
  await engine.close();
  data.remove();
  // Fresh hosts for the other lab tests; reset also starts a host left powered off by a failure.
  await lab.reset([...CLUSTER_HOSTS]);
});

describe('cluster engine on the lab', () => {
  it('sets up a manager and two nodes from fresh hosts: shared storage, same UIDs, quotas', async () => {
    const plan = await engine.clusters.preview(clusterId);
    expect(plan.hosts.map((h) => h.hostName).sort()).toEqual(['manager', 'node1', 'node2']);
    const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');
    expect((await waitForApply(engine, applyId)).result).toBe('ok');

    // The account writes in public_html: its home is root's (the SFTP jail, shared/lb/plan-site-root.ts).
    await sh('manager', `su -s /bin/sh web1 -c 'echo from-manager > /home/web1/public_html/m.txt'`);
    expect(await sh('node1', 'cat /home/web1/public_html/m.txt')).toBe('from-manager');
    expect(await sh('node2', 'cat /home/web1/public_html/m.txt')).toBe('from-manager');
    await sh('node1', `su -s /bin/sh web1 -c 'echo from-node1 > /home/web1/public_html/n1.txt'`);
    expect(await sh('manager', 'cat /chroot/home/web1/public_html/n1.txt')).toBe('from-node1');
    expect(await sh('node2', 'cat /home/web1/public_html/n1.txt')).toBe('from-node1');

    for (const h of CLUSTER_HOSTS) expect(await sh(h, 'id -u web1; id -g web1')).toBe('2001\n2001');

    const dd = await writePastQuota(lab, 'node2', 'web1');
    expect(dd.code).not.toBe(0);
    expect(dd.stderr).toMatch(/Disk quota exceeded/);
    await sh('node2', `su -s /bin/sh web1 -c 'rm -f /home/web1/public_html/big'`);
  });

  it('root on a node is squashed on the shared homes; a setuid-root binary on the storage runs as its caller on a node', async () => {
    const denied = await lab.exec('node1', 'touch /home/web1/public_html/root-was-here');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/Permission denied/);
    expect(
      (await lab.exec('manager', 'test -e /chroot/home/web1/public_html/root-was-here')).code,
    ).not.toBe(0);

    // Placed by root on the storage host itself, where root is root.
    await sh(
      'manager',
      'cp /usr/bin/id /chroot/home/web1/public_html/suid-id && chmod 4755 /chroot/home/web1/public_html/suid-id',
    );
    expect(await sh('node2', 'stat -c %u:%a /home/web1/public_html/suid-id')).toBe('0:4755');
    expect((await sh('node2', 'findmnt -n -o OPTIONS /chroot/home')).split(',')).toEqual(
      expect.arrayContaining(['nosuid', 'nodev']),
    );
    expect(await sh('node2', `su -s /bin/sh web1 -c '/home/web1/public_html/suid-id -u'`)).toBe(
      '2001',
    );
    // The same file on node2's own disk does run as root: only the mount flag stopped it.
    await sh(
      'node2',
      'cp /home/web1/public_html/suid-id /usr/local/bin/suid-id && chmod 4755 /usr/local/bin/suid-id',
    );
    expect(await sh('node2', `su -s /bin/sh web1 -c '/usr/local/bin/suid-id -u'`)).toBe('0');
    await sh('node2', 'rm -f /usr/local/bin/suid-id');
    await sh('manager', 'rm -f /chroot/home/web1/public_html/suid-id');
  });

  it('applying the same cluster again changes nothing: every check passes, no command runs', async () => {
    expect((await engine.clusters.preview(clusterId)).hosts).toEqual([]);
    const full = await engine.clusters.preview(clusterId, true);
    expect(full.hosts.flatMap((h) => h.steps).length).toBeGreaterThan(10);
    const { applyId } = engine.clusters.apply(clusterId, full.hash ?? '');
    expect((await waitForApply(engine, applyId)).result).toBe('ok');
    for (const name of CLUSTER_HOSTS) {
      const items = itemsOf(applyId, ids[name]!);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.outcome, `${name}: ${item.stepId}`).toBe('already done');
        expect(engine.queueRepo.runs(item.id).map((r) => r.phase)).toEqual(['check']);
      }
    }
  });

  it('a node powered off during an apply halts its queue with an error and a retry time; it catches up when back', async () => {
    accounts = [...accounts, account('web2', 2002)];
    saveModel();
    const plan = await engine.clusters.preview(clusterId);
    await lab.powerOff('node2');
    const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');

    await until(
      () => {
        const n1 = itemsOf(applyId, ids['node1']!);
        return (
          n1.length > 0 &&
          n1.every((i) => i.state === 'done') &&
          engine.queue.view(ids['node2']!).status === 'halted'
        );
      },
      { what: 'node1 done and node2 halted', timeoutMs: 120_000, everyMs: 250 },
    );
    const halted = engine.queue.view(ids['node2']!).current;
    expect(halted?.applyId).toBe(applyId);
    expect(halted?.lastError).toMatch(/HOST_UNREACHABLE|TIMEOUT/);
    expect(halted?.nextRetryAt ?? 0).toBeGreaterThan(Date.now() - 1000);
    expect(await sh('node1', 'id -u web2')).toBe('2002');
    expect(engine.clusters.applyStatus(applyId).finishedAt).toBeNull();

    await lab.powerOn('node2');
    // No retry-now: the queue's own interval (10 s in this model) brings node2 back in.
    expect((await waitForApply(engine, applyId, 180_000)).result).toBe('ok');
    expect(await sh('node2', 'id -u web2')).toBe('2002');
    expect(itemsOf(applyId, ids['node2']!).some((i) => i.attempts > 1)).toBe(true);
    expect(await sh('node2', 'cat /home/web1/public_html/m.txt')).toBe('from-manager');
  });

  it('the engine killed with SIGKILL in the middle of an apply resumes and ends as an uninterrupted run would', async () => {
    accounts = [...accounts, account('web3', 2003, 5), account('web4', 2004, 5)];
    saveModel();
    await engine.close(); // the CLI below must own the queues of this data dir

    const cli = join(root, 'out/cli/index.cjs');
    if (!existsSync(cli))
      throw new Error('out/cli/index.cjs is missing: run `npm run build` first');
    const child = spawn(process.execPath, [cli, '--data-dir', data.dir, 'apply', 'lab'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolveKill, reject) => {
      const timer = setTimeout(() => reject(new Error(`no step started:\n${out}`)), 120_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/\] running /.test(out)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolveKill();
        }
      });
    });
    await new Promise((r) => child.once('exit', r));

    // Before any engine restarts: the apply is recorded and unfinished (the kill really hit mid-apply).
    const db = openDatabase(join(data.dir, 'clusterdeck.db'));
    const applies = new ClustersRepository(db).applies(clusterId, 1);
    db.close();
    const applyId = applies[0]?.id ?? '';
    expect(applies[0]?.title).toMatch(/web3/);
    expect(applies[0]?.finishedAt).toBeNull();

    engine = labEngine(lab, data.dir); // recovers the interrupted step and resumes
    expect((await waitForApply(engine, applyId, 180_000)).result).toBe('ok');
    for (const h of CLUSTER_HOSTS) {
      expect(await sh(h, 'id -u web3; id -u web4')).toBe('2003\n2004');
    }
    const quotas = await sh(
      'manager',
      "repquota -u /chroot | awk '$1 ~ /^web[34]$/ {print $1, $4, $5}'",
    );
    expect(quotas.split('\n').sort()).toEqual(['web3 5120 5120', 'web4 5120 5120']);
    // Nothing was applied twice: every item ended once, done.
    for (const h of CLUSTER_HOSTS) {
      for (const item of itemsOf(applyId, ids[h]!)) expect(item.state).toBe('done');
    }
    expect((await engine.clusters.preview(clusterId)).hosts).toEqual([]);
  });

  it('an account deleted from the model is removed from every host; its home stays on the storage', async () => {
    accounts = accounts.filter((a) => a.name !== 'web4');
    saveModel();
    const plan = await engine.clusters.preview(clusterId);
    const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');
    expect((await waitForApply(engine, applyId)).result).toBe('ok');
    for (const h of CLUSTER_HOSTS) expect((await lab.exec(h, 'id web4')).code, h).not.toBe(0);
    expect(await sh('manager', 'test -d /chroot/home/web4 && echo kept')).toBe('kept');
    expect(await sh('node1', 'id -u web3')).toBe('2003');
  });

  it('a node that leaves is unmounted and gets its own /home back; the storage stops exporting to it; site data stays', async () => {
    nodes = ['node1'];
    saveModel();
    const plan = await engine.clusters.preview(clusterId);
    expect(plan.hosts.map((h) => h.hostName).sort()).toEqual(['manager', 'node2']);
    const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');
    expect((await waitForApply(engine, applyId)).result).toBe('ok');

    expect((await lab.exec('node2', 'mountpoint -q /chroot/home')).code).not.toBe(0);
    expect(await sh('node2', 'grep -c "# clusterdeck" /etc/fstab || true')).toBe('0');
    expect(await sh('node2', 'test -d /home && test ! -L /home && ls /home')).toContain('admin');
    expect((await lab.exec('node2', 'id web1')).code).not.toBe(0);
    const exports = await sh('manager', 'exportfs -s');
    expect(exports).toContain('10.20.0.11');
    expect(exports).not.toContain('10.20.0.12');
    // The storage firewall lets in only the nodes that remain.
    expect(await sh('manager', 'nft list set inet clusterdeck_storage clients')).toMatch(
      /elements = \{ 10\.20\.0\.11 \}/,
    );
    expect(await sh('manager', 'cat /chroot/home/web1/public_html/m.txt')).toBe('from-manager');
    expect(await sh('node1', 'cat /home/web1/public_html/m.txt')).toBe('from-manager');
    expect((await engine.clusters.preview(clusterId)).hosts).toEqual([]);
  });
});
