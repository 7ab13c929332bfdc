import { AppError, toErrorInfo } from '../../../shared/api/errors';
import { LB_PATHS } from '../../../shared/base/remote-paths';
import {
  NODE_MODE_STEP_IDS,
  nodeModeCommand,
  planNodeModes,
  withNodeModes,
} from '../../../shared/lb/plan-node-mode';
import type { NodeModeChange } from '../../../shared/lb/status';
import type { Cluster, ClusterNode } from '../../../shared/model/cluster';
import type { HostFacts } from '../../../shared/model/facts';
import type { ClusterView } from '../../../shared/api/contract';
import type { ClusterService } from '../cluster/cluster-service';
import { readRemoteFiles } from '../cluster/read-files';
import { runOnHost, type HostRunner } from '../cluster/run-on-host';
import type { AuditRepository } from '../store/audit-repository';
import type { ApplyRecord, ClusterRecord } from '../store/clusters-repository';
import type { HostRecord } from '../store/hosts-repository';

/** A node's part in load balancing (ClusterNode.lbMode). */
export type LbMode = ClusterNode['lbMode'];

/** What a node-mode change reads and writes. */
export interface NodeModeDeps {
  clusters: {
    get(clusterId: string): Pick<ClusterRecord, 'desired' | 'applied'>;
    applies(clusterId: string, limit?: number): Pick<ApplyRecord, 'model' | 'result'>[];
  };
  clusterService: Pick<ClusterService, 'save' | 'get' | 'queueDirect'>;
  hostsRepo: {
    list(): Pick<HostRecord, 'id' | 'name' | 'address'>[];
    getFacts(hostId: string): HostFacts | null;
  };
  target: HostRunner;
  audit: Pick<AuditRepository, 'record'>;
  /** The manager's queue: a change is planned after the keepalived step it is running. */
  queue: { view(hostId: string): { current: { stepId: string; state: string } | null } };
  /** How often the running step is looked at again (default 200 ms). */
  queuePollMs?: number;
}

/** A node-mode change: the cluster as saved, and what reached the hosts. */
export interface NodeModeResult {
  cluster: ClusterView;
  change: NodeModeChange;
}

/** The manager's answer may wait for probes of the node's checks; never for long. */
const IMMEDIATE_TIMEOUT_MS = 30_000;
/** How long a change waits for the keepalived step the manager is running (it takes seconds). */
const RUNNING_STEP_WAIT_MS = 60_000;

const seconds = (ms: number): number => Math.round(ms / 10) / 100;

/**
 * The model the hosts run or are being given: that of the newest apply that was neither
 * cancelled nor failed (it may still be in the queues), else the applied one. A node-mode
 * change builds on it, so it never takes back a change still on its way to the hosts.
 */
export function modelOnHosts(
  applied: Cluster | null,
  applies: readonly Pick<ApplyRecord, 'model' | 'result'>[],
): Cluster | null {
  for (const a of applies) {
    if (a.result === 'cancelled' || a.result === 'error') continue;
    if (a.model !== null) return a.model;
  }
  return applied;
}

/**
 * Sets `node`'s mode: saved in the desired model (validated), set in the manager's IPVS at
 * once (shared/lb/plan-node-mode.ts explains the commands and why the order holds), then the
 * keepalived.conf of the new modes queued on the manager. The caller has checked that this
 * process runs the queues and that `node` is a node of the cluster.
 *
 * When the manager cannot be changed now (unreachable, ipvsadm failed), the mode is still
 * saved and queued; `change.immediate` says what failed, and the queue brings the mode to the
 * manager (keepalived applies it on its reload) once it answers.
 */
export async function changeNodeMode(
  d: NodeModeDeps,
  clusterId: string,
  node: ClusterNode,
  mode: LbMode,
): Promise<NodeModeResult> {
  const started = Date.now();
  const rec = d.clusters.get(clusterId);
  const hostId = node.hostId;
  const base = modelOnHosts(rec.applied, d.clusters.applies(clusterId, 5));
  const managerId = (base ?? rec.desired).manager.hostId;
  const managerFacts = d.hostsRepo.getFacts(managerId);
  const cluster =
    node.lbMode === mode
      ? d.clusterService.get(clusterId)
      : d.clusterService.save({
          ...rec.desired,
          nodes: rec.desired.nodes.map((n) => (n.hostId === hostId ? { ...n, lbMode: mode } : n)),
        });
  const model = base === null ? null : withNodeModes(base, cluster.cluster);
  const command = model === null ? null : nodeModeCommand(model, hostId);
  const names = hostNames(d);
  const name = names[hostId]?.name ?? hostId;

  let change: NodeModeChange;
  if (model === null || command === null || managerFacts === null) {
    change = {
      hostId,
      mode,
      immediate: { state: 'none', seconds: null, error: null },
      applyId: null,
      message:
        `${name}: ${mode} in the model; the hosts do not balance anything to it yet, ` +
        'so it takes effect with the next applied plan',
    };
  } else {
    // After the keepalived step the manager may be running: its reload would undo the change.
    await afterRunningKeepalivedStep(d, managerId);
    const immediate = await runImmediate(d, managerId, command, started);
    const persisted = (base?.nodes.find((n) => n.hostId === hostId)?.lbMode ?? mode) === mode;
    const applyId = persisted
      ? null
      : await queueConf(
          d,
          clusterId,
          model,
          { hostId, mode },
          names,
          managerFacts,
          immediate,
        ).catch((e: unknown) => {
          // IPVS may have the mode already: say so, and how it reaches keepalived.conf.
          const info = toErrorInfo(e);
          throw new AppError(
            info.code,
            `${name}: ${mode} is saved${immediate.state === 'done' ? ' and in IPVS' : ''}, but keepalived.conf could not be queued (${info.message}); apply the cluster's plan`,
          );
        });
    change = {
      hostId,
      mode,
      immediate,
      applyId,
      message: describe(name, mode, immediate, applyId),
    };
  }
  d.audit.record({
    action: 'lb:setNodeMode',
    hostId,
    result: 'ok',
    details: {
      clusterId,
      mode,
      previous: node.lbMode,
      immediate: change.immediate.state,
      ...(change.immediate.error ? { error: change.immediate.error.message } : {}),
      applyId: change.applyId,
    },
  });
  return { cluster, change };
}

async function runImmediate(
  d: NodeModeDeps,
  managerId: string,
  command: string,
  started: number,
): Promise<NodeModeChange['immediate']> {
  try {
    const r = await runOnHost(d.target, managerId, command, { timeoutMs: IMMEDIATE_TIMEOUT_MS });
    const at = seconds(Date.now() - started);
    if (r.code === 0) return { state: 'done', seconds: at, error: null };
    const out = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join('\n');
    const message = `ipvsadm on the manager exited ${r.code ?? 'without a status'}`;
    return {
      state: 'failed',
      seconds: at,
      error: { code: 'COMMAND_FAILED', message: out ? `${message}: ${out}` : message },
    };
  } catch (e) {
    const info = toErrorInfo(e);
    return { state: 'failed', seconds: null, error: { code: info.code, message: info.message } };
  }
}

/**
 * Plans and queues the keepalived.conf of `model` on the manager. Its files are read first when
 * the manager answered; when it did not, the plan says the running file was not read.
 */
async function queueConf(
  d: NodeModeDeps,
  clusterId: string,
  model: Cluster,
  change: { hostId: string; mode: LbMode },
  hosts: Record<string, { name: string; address: string }>,
  managerFacts: HostFacts,
  immediate: NodeModeChange['immediate'],
): Promise<string> {
  const m = model.manager.hostId;
  let managerFiles: { running: string | null; candidate: string | null } | null = null;
  // A manager that did not answer now would only make the request wait for another timeout.
  if (immediate.state === 'done' || immediate.error?.code === 'COMMAND_FAILED') {
    const paths = [LB_PATHS.keepalivedConf, LB_PATHS.keepalivedNew];
    const files = await readRemoteFiles(
      (command, o) => runOnHost(d.target, m, command, o),
      paths,
    ).catch(() => null);
    if (files !== null)
      managerFiles = {
        running: files[LB_PATHS.keepalivedConf] ?? null,
        candidate: files[LB_PATHS.keepalivedNew] ?? null,
      };
  }
  const plan = planNodeModes({ model, changes: [change], hosts, managerFacts, managerFiles });
  return d.clusterService.queueDirect(clusterId, plan, model, 'lb:setNodeMode', {
    supersedes: NODE_MODE_STEP_IDS,
  }).applyId;
}

/**
 * Waits (a minute at most) while the manager runs a keepalived step (of an earlier node-mode
 * change, or of an apply). Such a step writes keepalived.conf's candidate and then moves it over
 * the running file; a plan made from files read in between expects a candidate the step then
 * moves away, and its own step would halt the queue as FILE_CHANGED_ON_HOST. Pending steps
 * need no wait: the new change supersedes them.
 */
async function afterRunningKeepalivedStep(d: NodeModeDeps, managerId: string): Promise<void> {
  const end = Date.now() + RUNNING_STEP_WAIT_MS;
  for (;;) {
    const current = d.queue.view(managerId).current;
    const running =
      current !== null &&
      current.state === 'running' &&
      NODE_MODE_STEP_IDS.includes(current.stepId);
    if (!running || Date.now() > end) return;
    await new Promise((r) => setTimeout(r, d.queuePollMs ?? 200));
  }
}

function describe(
  name: string,
  mode: LbMode,
  immediate: NodeModeChange['immediate'],
  applyId: string | null,
): string {
  const what = {
    drain: `${name} is at weight 0 in IPVS: open connections go on, new ones go to the other servers`,
    maintenance: `${name} is out of every service in IPVS`,
    active: `${name} is back in IPVS at its weights (where it passes its checks)`,
  }[mode];
  const queued = applyId === null ? '' : "; keepalived.conf is updated through the manager's queue";
  if (immediate.state === 'done') return `${what} (${immediate.seconds ?? '?'} s)${queued}`;
  const saved = `${name}: ${mode} is saved${applyId === null ? '' : ' and queued'}`;
  const why = immediate.error?.message ?? 'no answer';
  return `${saved}, but IPVS was not changed now: ${why}; it takes effect when the manager's queue runs it`;
}

function hostNames(d: NodeModeDeps): Record<string, { name: string; address: string }> {
  return Object.fromEntries(
    d.hostsRepo.list().map((h) => [h.id, { name: h.name, address: h.address }]),
  );
}
