/**
 * The load-balanced lab cluster that the LB lab tests set up: the lab cluster (manager with the
 * storage, node1, node2) with two accounts, a DR and a NAT web service over both nodes, and
 * the client VM as the internet user.
 */
import type { Engine } from '../../electron/core/engine';
import type { Lab } from '../lab/index.js';
import {
  addLabHosts,
  labClusterModel,
  labEngine,
  labShell,
  tempDataDir,
  waitForApply,
} from './cluster-harness';

/** The lab hosts an LB test uses (reset before and after it). */
export const LB_LAB_HOSTS = ['manager', 'node1', 'node2', 'client'] as const;
export const DR_VIP = '10.10.0.100';
export const NAT_VIP = '10.10.0.101';
export const NODE_PUBLIC = { node1: '10.10.0.11', node2: '10.10.0.12' } as const;
export const NODE_PRIVATE = { node1: '10.20.0.11', node2: '10.20.0.12' } as const;

/** A node's load-balancing mode. */
export type Mode = 'active' | 'drain' | 'maintenance';

/**
 * The DR service uses rr: after a failure test, wlc rightly prefers the node with fewer
 * connections, and node1 keeps stale entries from the requests it refused (SYN_RECV) and the
 * one it dropped (ESTABLISHED, which counts 256 times), so a short run of requests would all go
 * to node2 and prove nothing about node1's return. The NAT service keeps the default wlc.
 */
function services(ids: Record<string, string>) {
  return [
    {
      id: 'web-dr',
      name: 'HTTP (DR)',
      vip: DR_VIP,
      listen: { kind: 'port', port: 80 },
      scheduler: 'rr',
      realServers: [{ hostId: ids['node1'] }, { hostId: ids['node2'] }],
    },
    {
      id: 'web-nat',
      name: 'HTTP (NAT)',
      vip: NAT_VIP,
      listen: { kind: 'port', port: 80 },
      method: 'nat',
      realServers: [{ hostId: ids['node1'] }, { hostId: ids['node2'] }],
    },
  ];
}

/** The model of the LB lab cluster with the nodes' modes and any extra services. */
export function lbLabModel(
  ids: Record<string, string>,
  clusterId: string | undefined,
  modes: Record<string, Mode> = {},
  extra: unknown[] = [],
) {
  const base = labClusterModel(ids, [
    { name: 'web1', uid: 2001, gid: 2001, quotaMiB: 0, domain: 'web1.example.com' },
    { name: 'web2', uid: 2002, gid: 2002, quotaMiB: 0, domain: 'web2.example.com' },
  ]);
  return {
    ...base,
    id: clusterId,
    nodes: base.nodes.map((n, i) => ({
      ...n,
      lbMode: modes[i === 0 ? 'node1' : 'node2'] ?? 'active',
    })),
    vips: [{ address: DR_VIP }, { address: NAT_VIP }],
    services: [...services(ids), ...extra],
  };
}

/** Saves a model, previews and applies it; throws with the failed steps unless it ends ok. */
export async function applyLabModel(
  engine: Engine,
  ids: Record<string, string>,
  model: unknown,
): Promise<{ result: string; seconds: number }> {
  const started = performance.now();
  const clusterId = engine.clusters.save(model).cluster.id;
  const plan = await engine.clusters.preview(clusterId);
  const { applyId } = engine.clusters.apply(clusterId, plan.hash ?? '');
  const s = await waitForApply(engine, applyId, 900_000);
  if (s.result !== 'ok') {
    const failed = Object.values(ids).flatMap((h) =>
      engine.queueRepo.list(h, 1000).filter((i) => i.applyId === applyId && i.state === 'failed'),
    );
    throw new Error(
      `apply ${s.result}: ${JSON.stringify(failed.map((i) => [i.stepId, i.lastError]))}`,
    );
  }
  return { result: s.result, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** A fresh engine on the reset lab hosts, with the hosts added and the cluster saved (not applied). */
export async function lbLabEngine(lab: Lab) {
  await lab.reset([...LB_LAB_HOSTS]);
  const data = tempDataDir();
  const engine = labEngine(lab, data.dir);
  const ids = await addLabHosts(engine, lab, ['manager', 'node1', 'node2']);
  const clusterId = engine.clusters.save({ ...lbLabModel(ids, undefined), id: undefined }).cluster
    .id;
  // Each node's default site names the node, so a response tells which node served it.
  const sh = labShell(lab);
  for (const n of ['node1', 'node2']) await sh(n, `echo served-by-${n} > /var/www/html/index.html`);
  return { data, engine, ids, clusterId };
}

/** Closes what {@link lbLabEngine} opened (any part may be missing after a failed set-up). */
export async function closeLbLab(
  lab: Lab | undefined,
  engine: Engine | undefined,
  data: { remove: () => void } | undefined,
): Promise<void> {
  await engine?.close();
  data?.remove();
  await lab?.reset([...LB_LAB_HOSTS]);
}

/** `count` requests from the client VM; returns the bodies (one line each). */
export async function fetchFromClient(
  lab: Lab,
  url: string,
  count: number,
  host?: string,
): Promise<string[]> {
  const header = host === undefined ? '' : ` -H 'Host: ${host}'`;
  const out = await labShell(lab)(
    'client',
    `for i in $(seq ${count}); do curl -sS -m 3${header} ${url} || echo FAILED; done`,
  );
  return out.split('\n');
}
