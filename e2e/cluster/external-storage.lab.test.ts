/**
 * External NFS storage on the lab's `storage` host: the manager and the nodes mount it, quotas
 * are enforced on the storage host and reach the nodes through rpc.rquotad.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { ensureLab, type Lab } from '../lab/index.js';
import {
  addLabHosts,
  labEngine,
  labShell,
  tempDataDir,
  waitForApply,
  writePastQuota,
} from './cluster-harness';

const HOSTS = ['manager', 'node1', 'storage'] as const;

let lab: Lab;
let data: ReturnType<typeof tempDataDir>;
let engine: Engine;

const sh = (host: string, command: string) => labShell(lab)(host, command);

beforeAll(async () => {
  lab = await ensureLab({ storage: true });
  await lab.reset([...HOSTS]);
  data = tempDataDir();
  engine = labEngine(lab, data.dir);
});

afterAll(async () => {
  await engine.close();
  data.remove();
  await lab.reset([...HOSTS]);
});

describe('external storage on the lab', () => {
  it('sets up a cluster whose /chroot comes from the storage host, with quotas seen from a node', async () => {
    const ids = await addLabHosts(engine, lab, HOSTS);
    const { cluster } = engine.clusters.save({
      name: 'ext',
      layout: 'public-private',
      manager: {
        hostId: ids['manager'],
        publicIp: '10.10.0.10',
        privateIp: '10.20.0.10',
        quorumIp: '10.20.0.2',
        quorumPrefix: 24,
      },
      storage: {
        kind: 'external',
        hostId: ids['storage'],
        address: '10.20.0.14',
        exportPath: '/srv/cluster',
        device: '/dev/vdb',
      },
      nodes: [{ hostId: ids['node1'], publicIp: '10.10.0.11', privateIp: '10.20.0.11' }],
      accounts: [{ name: 'web1', uid: 2001, gid: 2001, quotaMiB: 10, domain: 'web1.example.com' }],
      settings: { queueRetryIntervalSec: 10 },
    });
    const plan = await engine.clusters.preview(cluster.id);
    expect(plan.hosts.map((h) => h.hostName).sort()).toEqual(['manager', 'node1', 'storage']);
    const { applyId } = engine.clusters.apply(cluster.id, plan.hash ?? '');
    expect((await waitForApply(engine, applyId)).result).toBe('ok');

    // The account writes in its site folder (its home is root's, a jail for SFTP).
    const site = '/home/web1/public_html';
    await sh('manager', `su -s /bin/sh web1 -c 'echo from-manager > ${site}/m.txt'`);
    expect(await sh('node1', `cat ${site}/m.txt`)).toBe('from-manager');
    expect(await sh('storage', 'cat /srv/cluster/home/web1/public_html/m.txt')).toBe(
      'from-manager',
    );
    for (const h of HOSTS) expect(await sh(h, 'id -u web1')).toBe('2001');

    const dd = await writePastQuota(lab, 'node1', 'web1');
    expect(dd.code).not.toBe(0);
    expect(dd.stderr).toMatch(/Disk quota exceeded/);
    expect(await sh('node1', 'quota -u web1 | tail -n 1')).toMatch(/10240/);

    // Root of the manager (a client here) is squashed; the storage answers only the cluster.
    expect((await lab.exec('manager', `touch ${site}/root-was-here`)).code).not.toBe(0);
    const set = await sh('storage', 'nft list set inet clusterdeck_storage clients');
    const allowed = (/elements = \{([^}]*)\}/.exec(set)?.[1] ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .sort();
    expect(allowed).toEqual(['10.20.0.10', '10.20.0.11', '10.20.0.2']);
    expect(
      (await lab.exec('client', `timeout 3 bash -c '</dev/tcp/10.10.0.14/2049'`)).code,
    ).not.toBe(0);

    expect((await engine.clusters.preview(cluster.id)).hosts).toEqual([]);
  });
});
