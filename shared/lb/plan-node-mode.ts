import type { Cluster, ClusterNode } from '../model/cluster';
import type { LbService } from '../model/lb';
import type { ClusterHostRef } from '../model/cluster-issues';
import type { HostFacts } from '../model/facts';
import { LB_PATHS } from '../base/remote-paths';
import { quote } from '../shell/quote';
import { PlanContext } from '../plan/context';
import type { Plan } from '../plan/types';
import { realServerTargets } from './cluster-lb';
import { LB_MANAGER_STEP, lbNodeModeSteps } from './plan-manager';
import {
  LB_IPVS_SYNC_STEP,
  destination,
  forwardOption,
  ipvsServiceOption,
  probeCommand,
} from './plan-ipvs-sync';

/**
 * Node modes (drain, maintenance, active) that take effect at once. A mode change has two
 * parts, both built from the same model:
 *
 * 1. {@link nodeModeCommand}: ipvsadm commands run on the manager right away, for the node's
 *    real server on every virtual service. IPVS follows within a round trip.
 * 2. {@link planNodeModes}: the keepalived.conf of that model, queued like any plan: written,
 *    checked with keepalived -t, reloaded. keepalived must hear of the mode, or the next
 *    restart (or a health check that fails and recovers) puts the old weight back.
 *
 * Why the order holds: keepalived's reload changes a real server in IPVS only where the new
 * file differs from the file it ran (weight, presence); where the file is unchanged it leaves
 * IPVS alone. So a reload of the old file between (1) and (2) keeps the immediate change, and
 * the reload of (2) sets exactly what (1) set. Earlier queued steps that restart keepalived
 * with an older file come before (2) in the manager's FIFO queue, so (2) always has the last
 * word; an earlier plan that has nothing left but these steps is skipped (superseded), so a
 * stale keepalived.conf is never reloaded after a newer mode took effect.
 */

/** The steps of a node-mode plan; an earlier plan with only these left is superseded by it. */
export const NODE_MODE_STEP_IDS: readonly string[] = [
  LB_MANAGER_STEP.keepalived,
  LB_IPVS_SYNC_STEP,
];

/** A node's part in load balancing. */
export type LbMode = ClusterNode['lbMode'];

/**
 * The model a node-mode change sends to the manager: `base` (what the hosts run or are being
 * given: the model of the latest apply) with every node's lbMode taken from `desired`. Nothing
 * else of `desired` goes with it: a service or account change waits for its own reviewed plan.
 */
export function withNodeModes(base: Cluster, desired: Cluster): Cluster {
  const modes = new Map(desired.nodes.map((n) => [n.hostId, n.lbMode] as const));
  return {
    ...base,
    nodes: base.nodes.map((n) => ({ ...n, lbMode: modes.get(n.hostId) ?? n.lbMode })),
  };
}

/** The first two words of a virtual service's line in `ipvsadm -Ln`: "TCP 10.10.0.100:80", "FWM 100". */
function serviceWords(s: LbService): string {
  return s.listen.kind === 'fwmark'
    ? `FWM ${s.listen.mark}`
    : `${s.protocol.toUpperCase()} ${s.vip}:${s.listen.port}`;
}

/**
 * `has SERVICE DEST`: whether the table read into $t has the destination under the service
 * (one awk per test instead of one ipvsadm each: every process costs on a busy manager).
 */
const HAS =
  `has() { printf '%s\\n' "$t" | awk -v s="$1" -v d="$2" ` +
  `'$1 != "->" { on = ($1 " " $2 == s) } on && $1 == "->" && $2 == d { f = 1 } END { exit !f }'; }`;

/**
 * Shell text, run on the manager, that puts the node's real servers in IPVS as `model` has
 * them now: the table is read once (a table that cannot be read, no IPVS or not root, fails
 * loudly rather than as "not there"), then one `if` per virtual service that has the node:
 * - drain: weight 0 where it is in IPVS (open connections go on, new ones go elsewhere);
 * - maintenance: removed where it is in IPVS;
 * - active: its model weight, added if missing, only where it answers the service's check the
 *   way keepalived checks it (a server that fails is keepalived's to keep out).
 * A server that is not in IPVS stays out for drain: keepalived adds it (at weight 0) once its
 * check passes. Every value is quoted. Null when the node is a real server of no service.
 */
export function nodeModeCommand(model: Cluster, hostId: string): string | null {
  const node = model.nodes.find((n) => n.hostId === hostId);
  if (node === undefined) return null;
  const parts: string[] = [];
  for (const s of model.services) {
    const t = realServerTargets(model, s, { ignoreMode: true }).find(
      (x) => x.hostId === hostId && !x.isManager,
    );
    if (t === undefined) continue;
    const rs = `${ipvsServiceOption(s)} -r ${quote(destination(t))}`;
    const there = `has ${quote(serviceWords(s))} ${quote(destination(t))}`;
    const set = (op: '-a' | '-e', weight: number) =>
      `ipvsadm ${op} ${rs} ${forwardOption(s, t)} -w ${weight}`;
    if (node.lbMode === 'drain') parts.push(`if ${there}; then ${set('-e', 0)}; fi`);
    else if (node.lbMode === 'maintenance') parts.push(`if ${there}; then ipvsadm -d ${rs}; fi`);
    else
      parts.push(
        `if ${probeCommand(s, t)}; then if ${there}; then ${set('-e', t.weight)}; else ${set('-a', t.weight)}; fi; fi`,
      );
  }
  if (parts.length === 0) return null;
  return `${HAS}; ${['t=$(ipvsadm -Ln)', ...parts].join(' && ')}`;
}

/** What {@link planNodeModes} plans from. */
export interface NodeModePlanInput {
  /** The model the manager is to run (see {@link withNodeModes}). */
  model: Cluster;
  /** The changes this plan carries, for its title. */
  changes: readonly { hostId: string; mode: LbMode }[];
  hosts: Record<string, ClusterHostRef | undefined>;
  /** The manager's last probed facts. */
  managerFacts: HostFacts;
  /**
   * The manager's keepalived files as read now; null for the running file when the manager
   * could not be read (the plan then says so, and the candidate is assumed absent: the
   * keepalived step always moves it over the running file).
   */
  managerFiles: { running: string | null; candidate: string | null } | null;
}

/**
 * The plan that writes the node modes of `model` into the manager's keepalived.conf: the
 * keepalived step (candidate checked with keepalived -t, moved over the running file,
 * keepalived reloaded) and the IPVS sync step, on the manager only. Pure.
 */
export function planNodeModes(input: NodeModePlanInput): Plan {
  const { model, hosts } = input;
  const m = model.manager.hostId;
  const files: Record<string, string | null> = {
    [LB_PATHS.keepalivedNew]: input.managerFiles?.candidate ?? null,
  };
  if (input.managerFiles !== null) files[LB_PATHS.keepalivedConf] = input.managerFiles.running;
  const ctx = new PlanContext({
    desired: model,
    applied: model,
    hosts,
    observed: { [m]: { facts: input.managerFacts, files } },
  });
  const what = input.changes
    .map((c) => `${c.mode === 'active' ? 'return' : c.mode} ${ctx.hostName(c.hostId)}`)
    .join(', ');
  return {
    title: `Node modes of cluster ${model.name}: ${what} (keepalived.conf)`,
    hosts: [{ hostId: m, hostName: ctx.hostName(m), role: 'manager', steps: lbNodeModeSteps(ctx) }],
  };
}
