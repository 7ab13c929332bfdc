import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { renderKeepalivedConf } from '../../../shared/lb/keepalived-conf';
import { NodeModeChange } from '../../../shared/lb/status';
import { LAB, httpService, lbCluster, lbObserved } from '../../../shared/lb/testing/lb-fixtures';
import { parseCluster, type Cluster } from '../../../shared/model/cluster';
import type { Plan } from '../../../shared/plan/types';
import type { ClusterView } from '../../../shared/api/contract';
import { localHosts } from '../cluster/local-shell.test-support';
import type { ApplyRecord } from '../store/clusters-repository';
import { LbService, type LbServiceDeps } from './lb-service';
import { modelOnHosts } from './node-mode';

/** ipvsadm -Ln -t 10.10.0.100:80 with both nodes at weight 1 (node2 absent when `without`). */
const listing = (without = false) => `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.10.0.100:80 wlc
  -> 10.10.0.11:80                Route   1      3          7
${without ? '' : '  -> 10.10.0.12:80                Route   1      0          2\n'}`;

/** A stand-in ipvsadm: logs its arguments, lists `list.txt`, fails when `fail` exists. */
const IPVSADM = `#!/bin/sh
echo "$*" >> "$FAKE/args"
[ -f "$FAKE/fail" ] && { cat "$FAKE/fail" >&2; exit 2; }
case "$1" in -Ln) cat "$FAKE/list.txt" ;; esac
`;

describe('LbService.setNodeMode on an applied cluster (local shell as the manager)', () => {
  let dir: string;
  let desired: Cluster;
  let applied: Cluster;
  let applies: Pick<ApplyRecord, 'model' | 'result'>[];
  let queued: { plan: Plan; model: Cluster }[];
  let audit: { action: string; details?: Record<string, unknown> }[];
  let hosts: ReturnType<typeof localHosts>;
  let deps: LbServiceDeps;

  const args = () =>
    existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim().split('\n') : [];
  const changes = () => args().filter((a) => !a.startsWith('-Ln'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-mode-'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'ipvsadm'), IPVSADM);
    chmodSync(join(dir, 'bin', 'ipvsadm'), 0o755);
    writeFileSync(join(dir, 'list.txt'), listing());
    // check none: a return needs no probe of a real node here.
    desired = lbCluster([httpService({ check: { kind: 'none' } })]);
    applied = desired;
    applies = [];
    queued = [];
    audit = [];
    hosts = localHosts({ PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`, FAKE: dir });
    const view = (c: Cluster) =>
      ({ cluster: c, applied, issues: [], updatedAt: 'now' }) as ClusterView;
    const facts = lbObserved(desired)[LAB.manager]?.facts ?? null;
    deps = {
      clusters: { get: () => ({ desired, applied }), applies: () => applies },
      queue: { assertRunsHere: () => undefined, view: () => ({ current: null }) },
      clusterService: {
        preview: () => Promise.reject(new Error('a mode change previews nothing')),
        save: (input) => {
          desired = parseCluster(input);
          return view(desired);
        },
        get: () => view(desired),
        queueDirect: (_id, plan, model) => {
          queued.push({ plan, model });
          return { applyId: `apply-${queued.length}`, plan };
        },
      },
      hostsRepo: {
        list: () => [
          { id: LAB.manager, name: 'manager', address: '127.0.0.1' },
          { id: LAB.node1, name: 'node1', address: '127.0.0.1' },
          { id: LAB.node2, name: 'node2', address: '127.0.0.1' },
        ],
        getFacts: () => facts,
      },
      target: hosts,
      audit: { record: (e) => void audit.push(e) },
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drain: IPVS at weight 0 on the manager at once, then keepalived.conf queued with the mode', async () => {
    const { cluster, change } = await new LbService(deps).setNodeMode(
      desired.id,
      LAB.node2,
      'drain',
    );
    expect(NodeModeChange.parse(change)).toEqual(change);
    expect(cluster.cluster.nodes.map((n) => n.lbMode)).toEqual(['active', 'drain']);
    expect(change).toMatchObject({
      hostId: LAB.node2,
      mode: 'drain',
      immediate: { state: 'done', error: null },
      applyId: 'apply-1',
    });
    expect(change.immediate.seconds).toBeGreaterThanOrEqual(0);
    expect(change.message).toMatch(
      /^node2 is at weight 0 in IPVS: .*keepalived\.conf is updated through the manager's queue$/,
    );
    expect(changes()).toEqual(['-e -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 0']);
    // Every command ran on the manager: the change, then the read of its keepalived files.
    expect(new Set(hosts.ranOn)).toEqual(new Set([LAB.manager]));
    expect(queued).toHaveLength(1);
    const [{ plan, model }] = queued as [{ plan: Plan; model: Cluster }];
    expect(model.nodes.map((n) => n.lbMode)).toEqual(['active', 'drain']);
    expect(plan.hosts.map((h) => [h.hostId, ...h.steps.map((s) => s.id)])).toEqual([
      [LAB.manager, 'lb.manager.keepalived', 'lb.manager.ipvs-sync'],
    ]);
    const names: Record<string, string> = { [LAB.node1]: 'node1', [LAB.node2]: 'node2' };
    expect(plan.hosts[0]?.steps[0]?.files[0]?.content).toBe(
      renderKeepalivedConf(model, { hostName: (id) => names[id] ?? id }),
    );
    expect(plan.hosts[0]?.steps[0]?.files[0]?.content).toMatch(
      /real_server 10\.10\.0\.12 80 \{\s+weight 0/,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'lb:setNodeMode',
        details: {
          clusterId: desired.id,
          mode: 'drain',
          previous: 'active',
          immediate: 'done',
          applyId: 'apply-1',
        },
      }),
    ]);
  });

  it("a change waits for the keepalived step the manager runs, then reads the manager's files", async () => {
    // The step of an earlier change runs for three looks at the queue, then the queue is idle.
    let looks = 0;
    const running = { stepId: 'lb.manager.keepalived', state: 'running' };
    deps.queue = {
      assertRunsHere: () => undefined,
      view: () => ({ current: ++looks <= 3 ? running : null }),
    };
    deps.queuePollMs = 1;
    await new LbService(deps).setNodeMode(desired.id, LAB.node2, 'drain');
    expect(looks).toBe(4);
    expect(queued).toHaveLength(1);
    // A failed head (a halted queue) is not waited for: the new change supersedes nothing running.
    looks = 0;
    deps.queue.view = () => {
      looks += 1;
      return { current: { stepId: 'lb.manager.keepalived', state: 'failed' } };
    };
    await new LbService(deps).setNodeMode(desired.id, LAB.node2, 'maintenance');
    expect(looks).toBe(1);
  });

  it('maintenance deletes the server; a return adds it back at its weight', async () => {
    const lb = new LbService(deps);
    await lb.setNodeMode(desired.id, LAB.node2, 'maintenance');
    expect(changes()).toEqual(['-d -t 10.10.0.100:80 -r 10.10.0.12:80']);
    writeFileSync(join(dir, 'list.txt'), listing(true));
    applies = [{ model: queued[0]?.model ?? null, result: null }];
    const { change } = await lb.setNodeMode(desired.id, LAB.node2, 'active');
    expect(changes()).toEqual([
      '-d -t 10.10.0.100:80 -r 10.10.0.12:80',
      '-a -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 1',
    ]);
    expect(change).toMatchObject({ immediate: { state: 'done' }, applyId: 'apply-2' });
    expect(queued[1]?.model.nodes.map((n) => n.lbMode)).toEqual(['active', 'active']);
  });

  it('a drain while an earlier apply is on its way builds on that apply, not on the applied model', async () => {
    const withService = parseCluster({
      ...applied,
      services: [
        ...applied.services,
        httpService({ id: 'alt', listen: { kind: 'port', port: 8080 }, check: { kind: 'none' } }),
      ],
    });
    applies = [{ model: withService, result: null }];
    await new LbService(deps).setNodeMode(desired.id, LAB.node1, 'drain');
    // The queued keepalived.conf keeps the service the earlier apply adds.
    expect(queued[0]?.model.services.map((s) => s.id)).toEqual(['http', 'alt']);
    expect(changes()).toEqual([
      '-e -t 10.10.0.100:80 -r 10.10.0.11:80 -g -w 0',
      // Not in this listing: keepalived adds it at weight 0 once the earlier apply is done.
    ]);
  });

  it('manager unreachable: the mode is saved and queued, and the caller told IPVS did not change', async () => {
    deps.target = {
      ensureConnected: () =>
        Promise.reject(new AppError('HOST_UNREACHABLE', 'manager: connect ECONNREFUSED')),
      run: () => Promise.reject(new Error('must not run')),
    };
    const { cluster, change } = await new LbService(deps).setNodeMode(
      desired.id,
      LAB.node2,
      'drain',
    );
    expect(cluster.cluster.nodes[1]?.lbMode).toBe('drain');
    expect(change).toMatchObject({
      immediate: {
        state: 'failed',
        seconds: null,
        error: { code: 'HOST_UNREACHABLE', message: 'manager: connect ECONNREFUSED' },
      },
      applyId: 'apply-1',
    });
    expect(change.message).toBe(
      "node2: drain is saved and queued, but IPVS was not changed now: manager: connect ECONNREFUSED; it takes effect when the manager's queue runs it",
    );
    // Planned without reading the manager: the plan says so.
    expect(queued[0]?.plan.hosts[0]?.steps[0]?.description).toContain(
      'could not be read when this was planned',
    );
    expect(audit[0]?.details).toMatchObject({
      immediate: 'failed',
      error: 'manager: connect ECONNREFUSED',
      applyId: 'apply-1',
    });
  });

  it('ipvsadm failing is reported with its message; the mode is still queued', async () => {
    writeFileSync(join(dir, 'fail'), "Can't initialize ipvs: Protocol not available\n");
    const { change } = await new LbService(deps).setNodeMode(desired.id, LAB.node2, 'drain');
    expect(change).toMatchObject({
      immediate: {
        state: 'failed',
        error: {
          code: 'COMMAND_FAILED',
          message: "ipvsadm on the manager exited 2: Can't initialize ipvs: Protocol not available",
        },
      },
      applyId: 'apply-1',
    });
    expect(changes()).toEqual([]);
    rmSync(join(dir, 'fail'));
    writeFileSync(
      join(dir, 'bin', 'ipvsadm'),
      `#!/bin/sh\ncase "$1" in -Ln) cat "$FAKE/list.txt" ;; *) echo 'Memory allocation problem' >&2; exit 1 ;; esac\n`,
    );
    const again = await new LbService(deps).setNodeMode(desired.id, LAB.node1, 'drain');
    expect(again.change).toMatchObject({
      immediate: {
        state: 'failed',
        error: {
          code: 'COMMAND_FAILED',
          message: 'ipvsadm on the manager exited 1: Memory allocation problem',
        },
      },
      applyId: 'apply-2',
    });
  });

  it('a queue that cannot take the change: the error says IPVS has it and how to persist it', async () => {
    deps.clusterService.queueDirect = () => {
      throw new AppError('INTERNAL', 'disk I/O error');
    };
    await expect(
      new LbService(deps).setNodeMode(desired.id, LAB.node2, 'drain'),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message:
        "node2: drain is saved and in IPVS, but keepalived.conf could not be queued (disk I/O error); apply the cluster's plan",
    });
    expect(desired.nodes[1]?.lbMode).toBe('drain');
    expect(changes()).toEqual(['-e -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 0']);
  });

  it('the same mode again changes IPVS again (idempotent) but queues nothing new', async () => {
    const lb = new LbService(deps);
    await lb.setNodeMode(desired.id, LAB.node2, 'drain');
    applies = [{ model: queued[0]?.model ?? null, result: null }];
    const { change } = await lb.setNodeMode(desired.id, LAB.node2, 'drain');
    expect(change).toMatchObject({ immediate: { state: 'done' }, applyId: null });
    expect(changes()).toHaveLength(2);
    expect(queued).toHaveLength(1);
  });

  it('a cluster never applied: the model only, nothing on the hosts', async () => {
    applied = null as unknown as Cluster;
    const { change } = await new LbService(deps).setNodeMode(desired.id, LAB.node2, 'drain');
    expect(change).toMatchObject({ immediate: { state: 'none', seconds: null }, applyId: null });
    expect(hosts.ranOn).toEqual([]);
    expect(queued).toEqual([]);
  });
});

describe('modelOnHosts', () => {
  const a = lbCluster([httpService()]);
  const b = parseCluster({ ...a, name: 'b' });
  const c = parseCluster({ ...a, name: 'c' });
  it('is the newest apply that was not cancelled or failed, else the applied model', () => {
    expect(modelOnHosts(a, [])).toBe(a);
    expect(
      modelOnHosts(a, [
        { model: b, result: 'cancelled' },
        { model: c, result: 'ok' },
      ]),
    ).toBe(c);
    expect(
      modelOnHosts(a, [
        { model: b, result: null },
        { model: c, result: 'ok' },
      ]),
    ).toBe(b);
    expect(modelOnHosts(null, [{ model: b, result: 'error' }])).toBeNull();
  });
});
