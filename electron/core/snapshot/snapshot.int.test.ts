import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../../e2e/support/sshd';
import { dispatch } from '../../../shared/api/dispatch';
import type { RequestChannel, RequestInput, RequestOutput } from '../../../shared/api/contract';
import type { ClusterInput } from '../../../shared/model/cluster';
import { debianFacts } from '../../../shared/plan/testing/lab-fixtures';
import { createEngine, type Engine } from '../engine';
import type { Prober } from '../hosts/host-service';
import { decodeSnapshotFile } from './file';

/** A loopback port nothing listens on: a host there refuses every connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Snapshots against a real OpenSSH server on loopback (this machine as the manager, logged in as
 * the unprivileged test user) and a second host that refuses connections.
 */
describe('snapshots over a real sshd', () => {
  let sshd: SshdHandle;
  let dir: string;
  let engine: Engine | undefined;
  let managerId: string;

  beforeAll(async () => {
    sshd = await startSshd();
  });

  afterAll(async () => {
    await sshd.stop();
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-snapshot-int-'));
  });

  /** The engine on a fresh data dir with the sshd's key known and the manager added. */
  function start(probe?: Prober): Engine {
    const knownHosts = join(dir, 'known_hosts');
    const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim();
    writeFileSync(knownHosts, `[${sshd.host}]:${sshd.port} ${pub}\n`);
    const app = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
      ...(probe ? { probe } : {}),
    });
    managerId = app.hosts.add({
      name: 'snapmanager',
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKeyPath },
    }).id;
    engine = app;
    return app;
  }

  afterEach(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call<C extends RequestChannel>(
    channel: C,
    input: RequestInput<C>,
  ): Promise<RequestOutput<C>> {
    if (!engine) throw new Error('no engine');
    const r = await dispatch(engine.handlers, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value as RequestOutput<C>;
  }

  // Saved before any probe: validation has no facts of this machine to hold the model to.
  const model = (extra: Partial<ClusterInput> = {}): Omit<ClusterInput, 'id'> => ({
    name: 'snapint',
    layout: 'public',
    manager: { hostId: managerId, publicIp: '10.10.0.10', quorumIp: '10.10.0.2' },
    storage: { kind: 'manager' },
    nodes: [],
    ...extra,
  });

  it('takes a snapshot with the manager read and a node that cannot be reached recorded as such', async () => {
    const app = start();
    const downId = app.hosts.add({
      name: 'snapdown',
      address: '127.0.0.1',
      port: await closedPort(),
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKeyPath },
    }).id;
    const clusterId = app.clusters.save(
      model({ nodes: [{ hostId: downId, publicIp: '10.10.0.11' }] }),
    ).cluster.id;

    const started = Date.now();
    const info = await call('snapshots:take', { clusterId, taskId: 'snapshot-int-1' });
    const ms = Date.now() - started;
    console.log(`snapshot of 2 hosts (1 unreachable) taken in ${ms} ms, ${info.sizeBytes} bytes`);

    expect(info).toMatchObject({ clusterId, clusterName: 'snapint', reason: 'manual' });
    expect(info.id).toMatch(/^snapint-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-manual\.cdsnap$/);
    expect(info.unreachable).toEqual(['snapdown']);
    const task = (await call('tasks:list', {})).find((t) => t.id === 'snapshot-int-1');
    expect(task).toMatchObject({ kind: 'snapshot', state: 'done' });
    expect(task?.progress).toMatchObject({ done: 2, total: 2 });

    expect(await call('snapshots:list', { clusterId })).toEqual([info]);
    const file = await call('snapshots:read', { id: info.id });
    expect(file.fileName).toBe(info.id);
    const body = await decodeSnapshotFile(Buffer.from(file.base64, 'base64'));
    expect(body.cluster.cluster.id).toBe(clusterId);

    const manager = body.hosts.find((h) => h.host.id === managerId);
    expect(manager).toMatchObject({ reachable: true, error: null });
    expect(manager?.facts?.hostname.length).toBeGreaterThan(0);
    const fstab = manager?.files.find((f) => f.path === '/etc/fstab');
    expect(fstab).toEqual({
      path: '/etc/fstab',
      content: readFileSync('/etc/fstab', 'utf8'),
      error: null,
    });
    // The planner's storage files on the manager: read, absent here (null, not an error).
    expect(manager?.files).toContainEqual({
      path: '/etc/exports.d/clusterdeck.exports',
      content: null,
      error: null,
    });
    expect(manager?.queue?.hostId).toBe(managerId);

    const down = body.hosts.find((h) => h.host.id === downId);
    expect(down).toMatchObject({ reachable: false, facts: null, files: [] });
    expect(down?.error?.code).toBe('HOST_UNREACHABLE');
    expect(body.driftError).toMatch(/snapdown could not be reached/);
    expect(body.lb).not.toBeNull();
    expect(body.audit.map((a) => a.action)).toContain('clusters:save');
  });

  it('takes a snapshot before each apply and keeps the last snapshotsBeforeApply of them', async () => {
    // This machine (a container without kernel NFS) cannot be a manager: the probe answers with
    // the lab's facts, so that plans are made; the files are still read over SSH. The queued
    // steps run as the unprivileged test user and fail at their first change.
    const app = start(() => Promise.resolve(debianFacts('snapmanager', { eth0: '10.10.0.10/24' })));
    const clusterId = app.clusters.save(
      model({
        storage: { kind: 'manager', device: '/dev/vdb' },
        settings: { queueRetryIntervalSec: 3600, snapshotsBeforeApply: 2 },
      }),
    ).cluster.id;
    const applyIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const plan = await call('plans:preview', { clusterId });
      const started = Date.now();
      const applied = await call('plans:apply', { clusterId, planHash: plan.hash ?? '' });
      console.log(`apply ${i + 1} queued after its snapshot in ${Date.now() - started} ms`);
      applyIds.push(applied.applyId);
    }
    const kept = await call('snapshots:list', { clusterId });
    expect(kept.map((s) => s.reason)).toEqual(['before-apply', 'before-apply']);
    expect(
      readdirSync(join(dir, 'data', 'snapshots')).filter((f) => f.endsWith('.cdsnap')),
    ).toEqual(expect.arrayContaining(kept.map((s) => s.id)));
    expect(
      readdirSync(join(dir, 'data', 'snapshots')).filter((f) => f.endsWith('.cdsnap')),
    ).toHaveLength(2);
    // The newest snapshot was taken before the third apply: it has the first two queued.
    const body = await decodeSnapshotFile(
      Buffer.from((await call('snapshots:read', { id: kept[0]?.id ?? '' })).base64, 'base64'),
    );
    const queued = new Set(body.hosts[0]?.queue?.items.map((item) => item.applyId));
    expect(queued.has(applyIds[1] ?? '')).toBe(true);
    expect(queued.has(applyIds[2] ?? '')).toBe(false);
    // Every apply waits for it, so it leaves the drift check out (the reviewed plan is what
    // differs) and keeps the preview's facts; the host's files are still read.
    expect(body.drift).toBeNull();
    expect(body.driftError).toMatch(/^not checked before an apply/);
    expect(body.hosts[0]?.reachable).toBe(true);
    expect(body.hosts[0]?.files.some((f) => f.path === '/etc/fstab')).toBe(true);

    // Off: an apply takes none.
    app.clusters.save({
      ...app.clusters.get(clusterId).cluster,
      settings: { queueRetryIntervalSec: 3600, snapshotsBeforeApply: 0 },
    });
    const plan = await call('plans:preview', { clusterId });
    await call('plans:apply', { clusterId, planHash: plan.hash ?? '' });
    expect(await call('snapshots:list', { clusterId })).toEqual(kept);

    // The snapshot's model back as the desired model, through the save's validation.
    const restored = await call('snapshots:useModel', {
      clusterId,
      model: body.cluster.cluster,
      redactedPasswordsOf: [],
    });
    expect(restored.lostPasswords).toEqual([]);
    // The snapshot was taken while 2 were kept; the live model has 0 since.
    expect(restored.cluster.cluster.settings.snapshotsBeforeApply).toBe(2);
    const bad = await dispatch(app.handlers, 'snapshots:useModel', {
      clusterId,
      model: {
        ...body.cluster.cluster,
        manager: { ...body.cluster.cluster.manager, publicIp: 'x' },
      },
    });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    expect(bad.ok ? '' : bad.error.message).toMatch(/model\.manager\.publicIp/);
    const audit = await call('audit:list', { limit: 20 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['snapshots:take', 'snapshots:useModel']),
    );
  });
});
