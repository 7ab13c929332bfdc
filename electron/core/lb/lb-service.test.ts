import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../shared/api/errors';
import { LAB, httpService, lbCluster } from '../../../shared/lb/testing/lb-fixtures';
import { DrainResult, DriftReport, LbStatus } from '../../../shared/lb/status';
import { parseCluster, type Cluster } from '../../../shared/model/cluster';
import { plannedFile, step } from '../../../shared/plan/step';
import type { Plan } from '../../../shared/plan/types';
import type { ClusterView } from '../../../shared/api/contract';
import { localHosts } from '../cluster/local-shell.test-support';
import { LbService, type LbServiceDeps } from './lb-service';

/** ipvsadm -Ln --exact of the model below, node1 carrying `active` connections. */
const list = (active: number, node2Weight = 1) => `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.10.0.100:80 wlc
  -> 10.10.0.11:80                Route   1      ${active}          7
  -> 10.10.0.12:80                Route   ${node2Weight}      0          2
`;
const STATS = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
  -> RemoteAddress:Port
TCP  10.10.0.100:80                     20      120        0     7960        0
  -> 10.10.0.11:80                      12       72        0     4776        0
  -> 10.10.0.12:80                       8       48        0     3184        0
`;
const RATE = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
  -> RemoteAddress:Port
TCP  10.10.0.100:80                      4       24        0     1592        0
  -> 10.10.0.11:80                       3       18        0     1194        0
  -> 10.10.0.12:80                       1        6        0      398        0
`;

/**
 * Stand-ins for ipvsadm and systemctl, first on the PATH of the local shell: ipvsadm logs its
 * arguments and prints list-N.txt on its Nth plain listing (list.txt once they run out).
 */
const IPVSADM = `#!/bin/sh
echo "$*" >> "$FAKE/args"
[ -f "$FAKE/fail" ] && { cat "$FAKE/fail" >&2; exit 2; }
case "$*" in
  *--stats*) cat "$FAKE/stats.txt" ;;
  *--rate*) cat "$FAKE/rate.txt" ;;
  *) n=$(cat "$FAKE/n" 2>/dev/null || echo 0); n=$((n+1)); echo "$n" > "$FAKE/n"
     if [ -f "$FAKE/list-$n.txt" ]; then cat "$FAKE/list-$n.txt"; else cat "$FAKE/list.txt"; fi ;;
esac
`;
/** journalctl -u keepalived: prints journal.txt when the test wrote one. */
const JOURNALCTL = `#!/bin/sh
echo "$*" >> "$FAKE/journal-args"
[ -f "$FAKE/journal.txt" ] && cat "$FAKE/journal.txt"
exit 0
`;
const SYSTEMCTL = `#!/bin/sh
[ "$*" = "is-active keepalived" ] && { echo active; exit 0; }
exit 4
`;

describe('LbService (local shell as every host)', () => {
  let dir: string;
  let cluster: Cluster;
  /** The last applied model the fake store gives (null: never applied). */
  let applied: Cluster | null;
  let saved: unknown[];
  let previews: { clusterId: string; full: boolean }[];
  let plan: Plan;
  let hosts: ReturnType<typeof localHosts>;
  let deps: LbServiceDeps;

  const put = (name: string, text: string) => writeFileSync(join(dir, name), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-lb-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ipvsadm'), IPVSADM);
    writeFileSync(join(bin, 'systemctl'), SYSTEMCTL);
    writeFileSync(join(bin, 'journalctl'), JOURNALCTL);
    for (const tool of ['ipvsadm', 'systemctl', 'journalctl']) chmodSync(join(bin, tool), 0o755);
    put('list.txt', list(3));
    put('stats.txt', STATS);
    put('rate.txt', RATE);
    cluster = lbCluster([httpService()]);
    applied = null;
    saved = [];
    previews = [];
    plan = { title: 'Set up cluster lab', hash: 'a'.repeat(64), hosts: [] };
    hosts = localHosts({ PATH: `${bin}:${process.env['PATH'] ?? ''}`, FAKE: dir });
    const view = (c: Cluster) =>
      ({ cluster: c, applied: null, issues: [], updatedAt: 'now' }) as ClusterView;
    deps = {
      // Never applied: setNodeMode changes the model only (node-mode.test.ts has the rest).
      clusters: { get: () => ({ desired: cluster, applied }), applies: () => [] },
      queue: { assertRunsHere: () => undefined, view: () => ({ current: null }) },
      clusterService: {
        preview: async (clusterId, full) => {
          previews.push({ clusterId, full: full ?? false });
          return plan;
        },
        save: (input) => {
          saved.push(input);
          cluster = parseCluster(input);
          return view(cluster);
        },
        get: () => view(cluster),
        queueDirect: () => {
          throw new Error('nothing is queued for a cluster never applied');
        },
      },
      hostsRepo: {
        list: () => [
          { id: LAB.node1, name: 'node1', address: '127.0.0.1' },
          { id: LAB.manager, name: 'manager', address: '127.0.0.1' },
        ],
        getFacts: () => null,
      },
      target: hosts,
      audit: { record: () => undefined },
      pollMs: 20,
    };
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('status: one round trip to the manager, joined with the model', async () => {
    applied = cluster;
    const status = await new LbService(deps).status(cluster.id);
    expect(LbStatus.parse(status)).toEqual(status);
    expect(hosts.ranOn).toEqual([LAB.manager]);
    expect(readFileSync(join(dir, 'args'), 'utf8').split('\n')).toEqual([
      '-Ln --exact',
      '-Ln --stats --exact',
      '-Ln --rate --exact',
      '',
    ]);
    expect(status).toMatchObject({
      managerHostId: LAB.manager,
      keepalived: 'active',
      error: null,
      ipvsDrift: [],
    });
    expect(status.services).toHaveLength(1);
    expect(status.services[0]).toMatchObject({
      serviceId: 'http',
      present: true,
      stats: { conns: 20 },
      rate: { conns: 4 },
    });
    expect(
      status.services[0]?.realServers.map((r) => [
        r.hostName,
        r.state,
        r.activeConns,
        r.stats?.conns,
        r.rate?.conns,
      ]),
    ).toEqual([
      ['node1', 'up', 3, 12, 3],
      [null, 'up', 0, 8, 1],
    ]);
  });

  it('status: ipvsadm failing gives the model only, with the error, without throwing', async () => {
    put('fail', "Can't initialize ipvs: Permission denied (you must be root)\n");
    applied = cluster;
    const status = await new LbService(deps).status(cluster.id);
    expect(status.error).toBe(
      "ipvsadm -Ln failed on the manager (exit 2): Can't initialize ipvs: Permission denied (you must be root)",
    );
    expect(status.keepalived).toBe('active');
    expect(status.services[0]).toMatchObject({ serviceId: 'http', present: false });
    expect(status.services[0]?.realServers.map((r) => r.state)).toEqual(['unknown', 'unknown']);
  });

  it("status: a down server comes with keepalived's reason from its journal, read in the same round trip", async () => {
    applied = cluster;
    put('list.txt', list(0, 0));
    put(
      'journal.txt',
      [
        '2026-12-03T15:40:00+00:00 manager Keepalived_healthcheckers[812]: HTTP status code error to server [10.10.0.12]:tcp:80.',
        '2026-12-03T15:40:01+00:00 manager Keepalived_healthcheckers[812]: HTTP_CHECK on service [10.10.0.12]:tcp:80 failed after 1 retries.',
        '2026-12-03T15:40:01+00:00 manager Keepalived_healthcheckers[812]: Disabling service [10.10.0.12]:tcp:80 of VS [10.10.0.100]:tcp:80',
      ].join('\n'),
    );
    const status = await new LbService(deps).status(cluster.id);
    expect(hosts.ranOn).toEqual([LAB.manager]);
    expect(readFileSync(join(dir, 'journal-args'), 'utf8').trim()).toBe(
      '-u keepalived --no-pager -n 300 -o short-iso',
    );
    const node2 = status.services[0]?.realServers.find((r) => r.address === '10.10.0.12');
    expect([node2?.state, node2?.down]).toEqual([
      'down',
      { reason: 'HTTP status code error', since: '2026-12-03T15:40:01.000Z' },
    ]);
    expect(status.ipvsDrift).toEqual([]);
  });

  it('status: a service saved but never applied is pending apply, not down', async () => {
    put(
      'list.txt',
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n',
    );
    const status = await new LbService(deps).status(cluster.id);
    expect(status.services[0]).toMatchObject({ pending: true, present: false });
    expect(status.services[0]?.realServers.map((r) => [r.state, r.down])).toEqual([
      ['pending', null],
      ['pending', null],
    ]);
    expect(status.ipvsDrift).toEqual([]);
  });

  it('status: an unreachable manager is an error in the status, not a throw', async () => {
    deps.target = {
      ensureConnected: () =>
        Promise.reject(new AppError('HOST_UNREACHABLE', 'manager: connect ECONNREFUSED')),
      run: () => Promise.reject(new Error('must not run')),
    };
    const status = await new LbService(deps).status(cluster.id);
    expect(status).toMatchObject({
      keepalived: 'unknown',
      error: 'HOST_UNREACHABLE: manager: connect ECONNREFUSED',
    });
    expect(status.services.map((s) => s.present)).toEqual([false]);
  });

  it('drift: previews the full plan, runs the checks once per host, reports what is not in place', async () => {
    const changed = plannedFile('/etc/keepalived/keepalived.conf', 'new\n', 'old\n');
    plan = {
      ...plan,
      hosts: [
        {
          hostId: LAB.manager,
          hostName: 'manager',
          role: 'manager',
          steps: [
            step({
              id: 'lb.keepalived',
              title: 'Configure keepalived',
              check: "echo 'conf differs' >&2; exit 1",
              verify: null,
              files: [changed],
            }),
            step({ id: 'lb.vips', title: 'VIPs', check: 'test -d /', verify: null }),
          ],
        },
        {
          hostId: LAB.node1,
          hostName: 'node1',
          role: 'node',
          steps: [
            step({ id: 'rs.arp', title: 'ARP settings', check: 'false', verify: null }),
            step({ id: 'rs.reload', title: 'Reload', check: null, verify: null }),
          ],
        },
      ],
    };
    put('list.txt', list(0, 0));
    applied = cluster;
    const report = await new LbService(deps).drift(cluster.id);
    expect(DriftReport.parse(report)).toEqual(report);
    expect(previews).toEqual([{ clusterId: cluster.id, full: true }]);
    expect([...hosts.ranOn].sort()).toEqual([LAB.manager, LAB.manager, LAB.node1].sort());
    expect(report.inSync).toBe(false);
    expect(report.planHash).toBe(plan.hash);
    expect(report.items).toEqual([
      {
        hostId: LAB.manager,
        hostName: 'manager',
        stepId: 'lb.keepalived',
        title: 'Configure keepalived',
        files: [{ path: changed.path, diff: changed.diff }],
        detail:
          'expected: Configure keepalived\nfound: /etc/keepalived/keepalived.conf differs from the plan: 2 lines (diff below)\nconf differs',
      },
      {
        hostId: LAB.node1,
        hostName: 'node1',
        stepId: 'rs.arp',
        title: 'ARP settings',
        files: [],
        detail:
          'expected: ARP settings\nfound: not in place (its check exited 1 without saying why)',
      },
    ]);
    // node2 at weight 0 while the model says 1: keepalived's verdict (down), not drift.
    expect(report.ipvsDrift).toEqual([]);
  });

  it('drift: in sync when every check passes; no repair plan then', async () => {
    plan = {
      ...plan,
      hosts: [
        {
          hostId: LAB.node1,
          hostName: 'node1',
          role: 'node',
          steps: [step({ id: 'x', title: 'X', check: 'true', verify: null })],
        },
      ],
    };
    const report = await new LbService(deps).drift(cluster.id);
    expect(report).toMatchObject({ inSync: true, items: [], planHash: null, ipvsDrift: [] });
  });

  it('setNodeMode changes nothing where the queues are not run (the change could not be applied)', async () => {
    const refusal = new AppError(
      'QUEUE_OWNED_ELSEWHERE',
      'lb:setNodeMode: another ClusterDeck (pid 7) runs the queues',
      { pid: 7 },
    );
    const lb = new LbService({
      ...deps,
      queue: {
        assertRunsHere: () => {
          throw refusal;
        },
        view: () => ({ current: null }),
      },
    });
    await expect(lb.setNodeMode(cluster.id, LAB.node1, 'drain')).rejects.toBe(refusal);
    expect(saved).toHaveLength(0);
  });

  it('setNodeMode saves the model with the node mode; refuses the manager and unknown hosts', async () => {
    const lb = new LbService(deps);
    const { cluster: view, change } = await lb.setNodeMode(cluster.id, LAB.node1, 'drain');
    expect(view.cluster.nodes.find((n) => n.hostId === LAB.node1)?.lbMode).toBe('drain');
    expect(view.cluster.nodes.find((n) => n.hostId === LAB.node2)?.lbMode).toBe('active');
    // Never applied: nothing to change on the hosts yet.
    expect(change).toMatchObject({ immediate: { state: 'none' }, applyId: null });
    expect(hosts.ranOn).toEqual([]);
    expect(saved).toHaveLength(1);
    await lb.setNodeMode(cluster.id, LAB.node1, 'drain');
    expect(saved).toHaveLength(1);
    for (const [hostId, message] of [
      ['nope', 'hostId: nope is not a node of cluster lab'],
      [LAB.manager, `hostId: manager (${LAB.manager}) is the manager of cluster lab, not a node`],
    ] as const) {
      let err: unknown;
      try {
        await lb.setNodeMode(cluster.id, hostId, 'maintenance');
      } catch (e) {
        err = e;
      }
      expect(isAppError(err) && [err.code, err.message]).toEqual(['VALIDATION', message]);
    }
    expect(saved).toHaveLength(1);
  });

  it('waitDrained follows the active connections down to 0', async () => {
    put('list-1.txt', list(5));
    put('list-2.txt', list(2));
    put('list.txt', list(0));
    const seen: (number | null)[] = [];
    const r = await new LbService(deps).waitDrained(cluster.id, LAB.node1, 10, {
      onProgress: (p) => seen.push(p.activeConns),
    });
    expect(DrainResult.parse(r)).toEqual(r);
    expect(seen).toEqual([5, 2, 0]);
    expect(r).toMatchObject({ hostId: LAB.node1, drained: true, activeConns: 0 });
    expect(r.waitedSec).toBeLessThan(5);
  });

  it('waitDrained gives up at the timeout with the connections left, and stops on abort', async () => {
    const lb = new LbService({ ...deps, pollMs: 200 });
    const started = Date.now();
    const r = await lb.waitDrained(cluster.id, LAB.node1, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r).toMatchObject({ drained: false, activeConns: 3 });
    expect(r.waitedSec).toBeGreaterThanOrEqual(1);

    const abort = new AbortController();
    const waiting = lb.waitDrained(cluster.id, LAB.node1, 60, {
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('waitDrained fails when the manager could never be read, and refuses a non-node', async () => {
    put('fail', 'no ipvs here\n');
    const lb = new LbService({ ...deps, pollMs: 300 });
    await expect(lb.waitDrained(cluster.id, LAB.node1, 1)).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      message: expect.stringMatching(
        /could not read the manager's IPVS table in 1 s: ipvsadm -Ln failed .*no ipvs here/,
      ) as unknown,
    });
    await expect(lb.waitDrained(cluster.id, LAB.manager, 1)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
