import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../../e2e/support/sshd';
import { appErrorOf } from '../../../e2e/support/wait';
import { dispatch } from '../../../shared/api/dispatch';
import { DriftReport, LbStatus } from '../../../shared/lb/status';
import { LAB, httpService, lbCluster, lbInput } from '../../../shared/lb/testing/lb-fixtures';
import { parseCluster, type ClusterInput } from '../../../shared/model/cluster';
import { planCluster } from '../../../shared/cluster/plan';
import { step } from '../../../shared/plan/step';
import type { Plan } from '../../../shared/plan/types';
import { createEngine, type Engine } from '../engine';
import { SshStepTarget } from '../queue/ssh-step-target';
import { LbService } from './lb-service';

/**
 * LbService against real OpenSSH servers on loopback: a "manager" and a "node" that are this
 * machine, which has no ipvsadm and no cluster set up. The engine runs its queues (a node mode
 * is only changed where they run), but its sessions log in as the unprivileged test user: the
 * keepalived plan a mode change queues fails at its first write, and nothing is changed here.
 */
describe('LbService over real sshd', () => {
  let managerSshd: SshdHandle;
  let nodeSshd: SshdHandle;
  let dir: string;
  let engine: Engine;
  let managerId: string;
  let nodeId: string;
  let clusterId: string;

  beforeAll(async () => {
    [managerSshd, nodeSshd] = await Promise.all([startSshd(), startSshd()]);
  });

  afterAll(async () => {
    await Promise.all([managerSshd.stop(), nodeSshd.stop()]);
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-lb-int-'));
    // Both servers' keys are known, as after `ssh-keyscan` compared on the servers.
    const knownHosts = join(dir, 'known_hosts');
    const line = (sshd: SshdHandle) =>
      `[${sshd.host}]:${sshd.port} ${readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim()}\n`;
    writeFileSync(knownHosts, line(managerSshd) + line(nodeSshd));
    engine = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
    });
    const add = (name: string, sshd: SshdHandle) => {
      return engine.hosts.add({
        name,
        address: sshd.host,
        port: sshd.port,
        user: sshd.user,
        auth: { method: 'key', keyPath: sshd.clientKeyPath },
      }).id;
    };
    managerId = add('lbmanager', managerSshd);
    nodeId = add('lbnode', nodeSshd);
    // Saved before any probe: validation has no facts of this machine to hold the model to.
    const model: Omit<ClusterInput, 'id'> = {
      name: 'lbint',
      layout: 'public',
      manager: { hostId: managerId, publicIp: '10.10.0.10', quorumIp: '10.10.0.2' },
      storage: { kind: 'manager' },
      nodes: [{ hostId: nodeId, publicIp: '10.10.0.11' }],
      vips: [{ address: '10.10.0.100' }],
      services: [
        {
          id: 'http',
          name: 'HTTP',
          vip: '10.10.0.100',
          listen: { kind: 'port', port: 80 },
          realServers: [{ hostId: nodeId, weight: 2 }],
        },
      ],
    };
    clusterId = engine.clusters.save(model).cluster.id;
  });

  afterEach(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('status reaches the manager, finds no ipvsadm, and gives the model with the error', async () => {
    const r = await dispatch(engine.handlers, 'lb:status', { clusterId });
    if (!r.ok) throw new Error(r.error.message);
    const status = LbStatus.parse(r.value);
    expect(status.managerHostId).toBe(managerId);
    expect(status.error).toMatch(
      /^ipvsadm -Ln failed on the manager \(exit 127\): .*ipvsadm.*not found/,
    );
    expect(status.ipvsDrift).toEqual([]);
    expect(status.services).toEqual([
      expect.objectContaining({
        serviceId: 'http',
        key: 'tcp 10.10.0.100:80',
        present: false,
        stats: null,
      }),
    ]);
    expect(status.services[0]?.realServers).toEqual([
      expect.objectContaining({
        hostId: nodeId,
        hostName: 'lbnode',
        address: '10.10.0.11',
        // Saved, never applied: pending apply (before the manager's reading is even looked at).
        state: 'pending',
        down: null,
        check: null,
        weight: null,
        modelWeight: 2,
      }),
    ]);
  });

  it('status of a manager that cannot be reached is an error in the status, not a failure', async () => {
    await managerSshd.stop({ keepDir: true });
    try {
      const status = await engine.lb.status(clusterId);
      expect(status.keepalived).toBe('unknown');
      expect(status.error).toMatch(/^HOST_UNREACHABLE: /);
      expect(status.services.map((s) => s.present)).toEqual([false]);
    } finally {
      await managerSshd.restart();
    }
  });

  it('setNodeMode saves the mode through validation, audits it, and status shows it', async () => {
    // A second engine on the data dir, which does not run its queues, changes nothing.
    const reader = createEngine({ dataDir: join(dir, 'data'), mode: 'cli', runQueue: false });
    const refused = await dispatch(reader.handlers, 'lb:setNodeMode', {
      clusterId,
      hostId: nodeId,
      mode: 'drain',
    });
    await reader.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'QUEUE_OWNED_ELSEWHERE' } });
    expect(engine.clusters.get(clusterId).cluster.nodes[0]?.lbMode).toBe('active');

    const changed: string[] = [];
    const off = engine.onEvent((channel) => changed.push(channel));
    const r = await dispatch(engine.handlers, 'lb:setNodeMode', {
      clusterId,
      hostId: 'lbnode',
      mode: 'drain',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'hostId: lbnode is not a node of cluster lbint' },
    });
    const ok = await dispatch(engine.handlers, 'lb:setNodeMode', {
      clusterId,
      hostId: nodeId,
      mode: 'drain',
    });
    off();
    expect(ok.ok).toBe(true);
    expect(engine.clusters.get(clusterId).cluster.nodes[0]?.lbMode).toBe('drain');
    expect(changed).toContain('clusters:changed');
    const audit = await engine.handlers['audit:list']({ limit: 5 });
    expect(audit[0]).toMatchObject({
      action: 'lb:setNodeMode',
      hostId: nodeId,
      result: 'ok',
      details: { mode: 'drain', previous: 'active' },
    });
    const status = await engine.lb.status(clusterId);
    expect(status.services[0]?.realServers[0]).toMatchObject({ state: 'drain', modelWeight: 0 });
    const manager = await appErrorOf(
      Promise.resolve().then(() => engine.lb.setNodeMode(clusterId, managerId, 'maintenance')),
    );
    expect(manager.code).toBe('VALIDATION');
  });

  it('waitDrained fails when the manager never gives an IPVS table', async () => {
    const err = await appErrorOf(engine.lb.waitDrained(clusterId, nodeId, 1));
    expect(err.code).toBe('COMMAND_FAILED');
    expect(err.message).toMatch(
      /could not read the manager's IPVS table in 1 s: ipvsadm -Ln failed/,
    );
  });

  it('lb:drift fails with the findings of the planner when the model cannot be planned on these hosts', async () => {
    // This machine is a container without kernel NFS or IPVS: no cluster plan can be made here.
    const r = await dispatch(engine.handlers, 'lb:drift', { clusterId });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.ok ? '' : r.error.message).toMatch(/manager\.hostId: /);
  });

  it('drift runs every check of a plan on its host and reports exactly the failing ones', async () => {
    // The lab's plan (shared/lb/testing) stands in for the planner, which refuses this machine;
    // its checks are the real ones and run over SSH here, where most of them fail.
    const ids: Record<string, string> = { [LAB.manager]: managerId, [LAB.node1]: nodeId };
    const names: Record<string, string> = { [managerId]: 'lbmanager', [nodeId]: 'lbnode' };
    const remap = <T>(x: T): T =>
      JSON.parse(
        JSON.stringify(x).replace(/"h-(manager|node1)"/g, (m) =>
          JSON.stringify(ids[JSON.parse(m) as string]),
        ),
      ) as T;
    const lab = lbCluster([httpService({ realServers: [{ hostId: LAB.node1 }] })], 'public');
    const desired = parseCluster(
      remap({ ...lab, nodes: lab.nodes.filter((n) => n.hostId === LAB.node1) }),
    );
    const labPlan = planCluster(lbInput(lab));
    const hosts = labPlan.hosts
      .filter((h) => ids[h.hostId] !== undefined)
      .map((h) => remap({ ...h, hostName: names[ids[h.hostId] ?? ''] ?? '' }));
    // One check that holds anywhere, so a passing check is proven to stay out of the report.
    hosts[0]?.steps.push(
      step({
        id: 'test.passes',
        title: 'Holds anywhere',
        check: 'test -d / && echo ok',
        verify: null,
      }),
    );
    const plan: Plan = { title: labPlan.title, hash: 'f'.repeat(64), hosts };
    const previews: boolean[] = [];
    const lb = new LbService({
      clusters: { get: () => ({ desired, applied: null }), applies: () => [] },
      queue: { assertRunsHere: () => undefined, view: () => ({ current: null }) },
      clusterService: {
        preview: async (_id, full) => {
          previews.push(full ?? false);
          return plan;
        },
        save: () => {
          throw new Error('drift never saves');
        },
        get: () => {
          throw new Error('drift never reads the view');
        },
        queueDirect: () => {
          throw new Error('drift never queues');
        },
      },
      hostsRepo: engine.hosts,
      target: new SshStepTarget(engine.sessions, engine.hosts),
      audit: { record: () => undefined },
    });

    const report = DriftReport.parse(await lb.drift(desired.id));
    expect(previews).toEqual([true]);
    expect(report.inSync).toBe(false);
    expect(report.planHash).toBe(plan.hash);
    expect(new Set(report.items.map((i) => i.hostName))).toEqual(new Set(['lbmanager', 'lbnode']));
    expect(report.ipvsDrift).toEqual([]);

    // Each check run alone over the kept session agrees with the one-round-trip run, step by step.
    const passing: string[] = [];
    for (const host of plan.hosts) {
      const reported = new Set(
        report.items.filter((i) => i.hostId === host.hostId).map((i) => i.stepId),
      );
      for (const step of host.steps) {
        const failing =
          step.check === null
            ? step.files.some((f) => f.diff !== '')
            : (await engine.sessions.exec(host.hostId, step.check, { timeoutMs: 30_000 })).code !==
              0;
        if (!failing) passing.push(step.id);
        expect(reported.has(step.id), `${host.hostName} ${step.id}`).toBe(failing);
      }
    }
    expect(report.items.length).toBeGreaterThan(0);
    const keepalived = report.items.find((i) => i.stepId.includes('keepalived'));
    expect(keepalived?.hostId).toBe(managerId);
    expect(keepalived?.files.length).toBeGreaterThan(0);
    expect(keepalived?.files.every((f) => f.diff !== '')).toBe(true);
    expect(passing).toContain('test.passes');
  });
});
