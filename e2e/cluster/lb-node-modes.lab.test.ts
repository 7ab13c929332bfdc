/**
 * Node modes that take effect now, on the lab: lb:setNodeMode changes the manager's IPVS within
 * a round trip, and keepalived.conf follows through the manager's queue, so that a restart of
 * keepalived keeps the mode. Prints the setup apply time and the seconds from each request until
 * IPVS shows it. Sets up its own copy of the LB lab cluster (lb-lab-cluster.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import type { RequestOutput } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { ensureLab, type Lab } from '../lab/index.js';
import { labShell, waitForApply, type tempDataDir } from './cluster-harness';
import {
  DR_VIP,
  NAT_VIP,
  NODE_PRIVATE,
  NODE_PUBLIC,
  applyLabModel,
  closeLbLab,
  fetchFromClient,
  lbLabEngine,
  lbLabModel,
  type Mode,
} from './lb-lab-cluster';

/**
 * The bound asserted on the seconds from the request to a reading of IPVS that shows the mode.
 * The requirement is 2 s; measured here 0.3-1.0 s, also with the machine's load near 5 on 2
 * cores (see the printed figures; the manager itself answers in 0.2-0.7 s, a return more as it
 * probes the node first), so 2 s holds with margin on a busy machine.
 */
const IMMEDIATE_BOUND_SEC = 2;

let lab: Lab;
let data: ReturnType<typeof tempDataDir>;
let engine: Engine;
let ids: Record<string, string>;
let clusterId: string;

const sh = (host: string, command: string) => labShell(lab)(host, command);

/**
 * node2's weight in both services as the manager's IPVS has it now (null: not there): one
 * `ipvsadm -Ln` through the engine's kept shell on the manager, a round trip of its own.
 */
async function node2Weights(): Promise<[number | null, number | null]> {
  const s = engine.sessions;
  const opts = { timeoutMs: 10_000 };
  const manager = ids['manager'] ?? '';
  const r = await (s.run
    ? s.run(manager, 'ipvsadm -Ln', opts)
    : s.exec(manager, 'ipvsadm -Ln', opts));
  const weights = new Map<string, number>();
  let service = '';
  for (const line of r.stdout.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] === '->') weights.set(`${service} ${words[1] ?? ''}`, Number(words[3]));
    else service = words[1] ?? '';
  }
  const at = (svc: string, dest: string) => weights.get(`${svc} ${dest}`) ?? null;
  return [
    at(`${DR_VIP}:80`, `${NODE_PUBLIC.node2}:80`),
    at(`${NAT_VIP}:80`, `${NODE_PRIVATE.node2}:80`),
  ];
}

/** Polls IPVS (over the engine's kept session) until node2 has `want` in both services. */
async function waitForWeights(want: number | null, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    const w = await node2Weights();
    if (w[0] === want && w[1] === want) return;
    if (Date.now() > end)
      throw new Error(`node2 stayed at ${JSON.stringify(w)} in IPVS, expected ${String(want)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Asks for a mode through the engine's handlers (validated as every client is), and measures the
 * seconds from the request until a reading of the manager's IPVS shows it (an upper bound: the
 * reading itself is included). Then waits for the queued keepalived.conf to be applied.
 */
async function setMode(
  mode: Mode,
  want: number | null,
): Promise<{ seconds: number; applyId: string | null }> {
  const started = performance.now();
  const r = await dispatch(engine.handlers, 'lb:setNodeMode', {
    clusterId,
    hostId: ids['node2'] ?? '',
    mode,
  });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  await waitForWeights(want);
  const seconds = Math.round(performance.now() - started) / 1000;
  const { change } = r.value as RequestOutput<'lb:setNodeMode'>;
  console.log(
    `${mode} node2: IPVS showed it ${seconds} s after the request (manager answered at ${change.immediate.seconds ?? '?'} s): ${change.message}`,
  );
  expect(change.immediate).toMatchObject({ state: 'done', error: null });
  if (change.applyId !== null) {
    const t = performance.now();
    const s = await waitForApply(engine, change.applyId);
    console.log(
      `${mode} node2: keepalived.conf applied through the queue in ${Math.round(performance.now() - t) / 1000} s more`,
    );
    expect(s.result).toBe('ok');
  }
  return { seconds, applyId: change.applyId };
}

/** node2's weight lines in keepalived.conf on the manager, one per service. */
async function confWeights(): Promise<string> {
  return sh(
    'manager',
    `awk '/real_server (${NODE_PUBLIC.node2}|${NODE_PRIVATE.node2}) 80/ { getline; print $2 }' /etc/keepalived/keepalived.conf`,
  );
}

beforeAll(async () => {
  lab = await ensureLab();
  ({ data, engine, ids, clusterId } = await lbLabEngine(lab));
  const setup = await applyLabModel(engine, ids, lbLabModel(ids, clusterId));
  console.log(
    `setup apply (first full apply of the LB lab cluster): ${setup.seconds} s\n${slowestSteps()}`,
  );
}, 1_200_000);

/** The slowest steps of each host's queue so far (from their start to their end), for the log. */
function slowestSteps(): string {
  return Object.entries(ids)
    .map(([name, hostId]) => {
      const items = engine.queueRepo.list(hostId, 1000).filter((i) => i.startedAt && i.finishedAt);
      const secs = (i: (typeof items)[number]) =>
        (Date.parse(i.finishedAt ?? '') - Date.parse(i.startedAt ?? '')) / 1000;
      const top = [...items].sort((a, b) => secs(b) - secs(a)).slice(0, 4);
      return `  ${name}: ${top.map((i) => `${i.stepId} ${secs(i)} s`).join(', ')}`;
    })
    .join('\n');
}

afterAll(() => closeLbLab(lab, engine, data), 300_000);

describe('node modes take effect now', () => {
  it('drain: weight 0 in IPVS within 2 s of the request; keepalived.conf follows; a keepalived restart keeps it', async () => {
    await waitForWeights(1);
    const { seconds, applyId } = await setMode('drain', 0);
    expect(seconds).toBeLessThanOrEqual(IMMEDIATE_BOUND_SEC);
    expect(applyId).not.toBeNull();
    expect(await confWeights()).toBe('0\n0');
    // A restart rebuilds IPVS from keepalived.conf alone: the drain is in it.
    await sh('manager', 'systemctl restart keepalived');
    await waitForWeights(0, 30_000);
    expect(new Set(await fetchFromClient(lab, `http://${DR_VIP}/`, 10))).toEqual(
      new Set(['served-by-node1']),
    );
  }, 600_000);

  it('return: back at its weight within 2 s, both nodes serve again', async () => {
    const { seconds } = await setMode('active', 1);
    expect(seconds).toBeLessThanOrEqual(IMMEDIATE_BOUND_SEC);
    expect(await confWeights()).toBe('1\n1');
    expect(new Set(await fetchFromClient(lab, `http://${DR_VIP}/`, 20))).toEqual(
      new Set(['served-by-node1', 'served-by-node2']),
    );
  }, 600_000);

  it('maintenance takes the node out at once and a return puts it back; keepalived agrees after its reload', async () => {
    const out = await setMode('maintenance', null);
    expect(out.seconds).toBeLessThanOrEqual(IMMEDIATE_BOUND_SEC);
    expect(await confWeights()).toBe('');
    expect(new Set(await fetchFromClient(lab, `http://${DR_VIP}/`, 10))).toEqual(
      new Set(['served-by-node1']),
    );
    const back = await setMode('active', 1);
    expect(back.seconds).toBeLessThanOrEqual(IMMEDIATE_BOUND_SEC);
    // keepalived's reload added the server it found already there: it checks it from now on.
    await sh('node2', 'systemctl stop nginx');
    try {
      await waitForWeights(null, 30_000);
    } finally {
      await sh('node2', 'systemctl start nginx');
    }
    await waitForWeights(1, 30_000);
  }, 600_000);

  it('a mode changed through a reviewed plan (preview, apply) takes its keepalived step without enabling keepalived again', async () => {
    for (const mode of ['drain', 'active'] as const) {
      const r = await applyLabModel(engine, ids, lbLabModel(ids, clusterId, { node2: mode }));
      console.log(
        `${mode} node2 through a reviewed plan (preview + apply): ${r.seconds} s\n${slowestSteps()}`,
      );
    }
    await waitForWeights(1);
  }, 600_000);

  it('applying the same model again runs no command: every step skips what is already so', async () => {
    const r = await applyLabModel(engine, ids, lbLabModel(ids, clusterId));
    console.log(`re-apply of the unchanged model: ${r.seconds} s`);
    const plan = await engine.clusters.preview(clusterId, true);
    const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');
    const t = performance.now();
    expect((await waitForApply(engine, applyId)).result).toBe('ok');
    console.log(`full re-check of every step: ${Math.round(performance.now() - t) / 1000} s`);
    const items = Object.values(ids).flatMap((h) =>
      engine.queueRepo.list(h, 1000).filter((i) => i.applyId === applyId),
    );
    expect(items.length).toBeGreaterThan(0);
    const ran = items.filter((i) => i.outcome !== 'already done').map((i) => i.stepId);
    expect(ran).toEqual([]);
  }, 600_000);
});
