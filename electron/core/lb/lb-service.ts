import { setTimeout as delay } from 'node:timers/promises';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import { keepalivedChecksCommand, parseKeepalivedChecks } from '../../../shared/lb/keepalived-data';
import { keepalivedLogCommand, parseKeepalivedLog } from '../../../shared/lb/keepalived-log';
import type { DrainResult, DriftReport, LbStatus } from '../../../shared/lb/status';
import {
  buildLbStatus,
  keepalivedStateOf,
  nodeActiveConns,
  readIpvsListings,
} from '../../../shared/lb/status-view';
import type { Cluster, ClusterNode } from '../../../shared/model/cluster';
import type { HostPlan, PlanStep } from '../../../shared/plan/types';
import { cmd } from '../../../shared/shell/quote';
import type { ClusterService } from '../cluster/cluster-service';
import { runOnHost, type HostRunner } from '../cluster/run-on-host';
import { runSections, type SectionResult, type SectionSpec } from '../cluster/run-sections';
import type { CommandQueue } from '../queue/command-queue';
import type { TaskContext } from '../tasks/task-service';
import { checkSections, driftItems } from './drift-items';
import { changeNodeMode, type LbMode, type NodeModeDeps, type NodeModeResult } from './node-mode';

export type { LbMode, NodeModeResult } from './node-mode';

/** Dependencies of {@link LbService}. */
export interface LbServiceDeps extends NodeModeDeps {
  /** Previews (and caches, for plans:apply) the repair plan; saves the model; queues modes. */
  clusterService: Pick<ClusterService, 'preview' | 'save' | 'get' | 'queueDirect'>;
  target: HostRunner;
  /** A mode is changed only where the queues run (the change must be applied). */
  queue: Pick<CommandQueue, 'assertRunsHere'> & NodeModeDeps['queue'];
  /** How often waitDrained reads the manager (default 1 s). */
  pollMs?: number;
}

/** Options of {@link LbService.waitDrained}. */
export interface WaitDrainedOptions {
  signal?: AbortSignal;
  /** Called after every reading of the manager. */
  onProgress?: (p: { activeConns: number | null; waitedSec: number; error: string | null }) => void;
}

/**
 * One reading of the manager: keepalived's state, the three IPVS listings, keepalived's checker
 * dump, and its journal (why it took servers out), in one round trip.
 */
const STATUS_SECTIONS: SectionSpec[] = [
  { command: cmd('systemctl', 'is-active', 'keepalived'), timeoutSec: 5 },
  { command: cmd('ipvsadm', '-Ln', '--exact'), timeoutSec: 5 },
  { command: cmd('ipvsadm', '-Ln', '--stats', '--exact'), timeoutSec: 5 },
  { command: cmd('ipvsadm', '-Ln', '--rate', '--exact'), timeoutSec: 5 },
  { command: keepalivedChecksCommand(), timeoutSec: 5 },
  { command: keepalivedLogCommand(), timeoutSec: 5, maxBytes: 128 * 1024 },
];

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * Load balancing as it runs: the manager's live IPVS table joined with the model, drift between
 * the hosts and the model, and node modes (drain, maintenance, active) with the wait for a
 * drained node's connections to end. Reads only; changes reach the hosts through plans.
 */
export class LbService {
  constructor(private readonly d: LbServiceDeps) {}

  /**
   * The manager's IPVS table and keepalived state joined with the desired model, in one round
   * trip. Never throws for the manager's sake: when it cannot be reached or ipvsadm fails, the
   * services come from the model alone and `error` says why (the UI polls this every 2 s).
   */
  async status(clusterId: string): Promise<LbStatus> {
    return (await this.read(clusterId)).status;
  }

  /**
   * Previews the full plan of the model (cached, so plans:apply takes it by the returned hash),
   * runs every step's check on its host (one round trip per host, read-only) and reports the
   * steps that are not in place, with the live IPVS table against the model. With `review`
   * false the plan is not cached (a snapshot's drift must not replace the admin's preview).
   */
  async drift(
    clusterId: string,
    task?: TaskContext,
    opts: { review?: boolean } = {},
  ): Promise<DriftReport> {
    const plan = await this.d.clusterService.preview(clusterId, true, task, opts);
    task?.progress({ step: "running every step's check", hostName: null });
    const [perHost, status] = await Promise.all([
      Promise.all(plan.hosts.map((h) => this.checkHost(h, task?.signal))),
      this.status(clusterId),
    ]);
    const items = perHost.flat();
    return {
      clusterId,
      at: new Date().toISOString(),
      inSync: items.length === 0,
      items,
      ipvsDrift: status.ipvsDrift,
      planHash: items.length === 0 ? null : (plan.hash ?? null),
    };
  }

  /**
   * Sets a node's lbMode, effective at once: saved in the desired model (validated, the UI
   * told), set in the manager's IPVS with ipvsadm within a round trip, and the keepalived.conf
   * of the new modes queued on the manager like any plan, so that keepalived keeps the mode.
   * When IPVS cannot be changed now (manager unreachable), the mode is still saved and queued,
   * and `change.immediate` says so. Refused where the queues do not run (see node-mode.ts).
   */
  async setNodeMode(clusterId: string, hostId: string, mode: LbMode): Promise<NodeModeResult> {
    // A mode saved where no one applies it would be worse than none.
    this.d.queue.assertRunsHere('lb:setNodeMode');
    const node = this.nodeOf(this.d.clusters.get(clusterId).desired, hostId);
    return changeNodeMode(this.d, clusterId, node, mode);
  }

  /**
   * Reads the manager every second until the node's real servers have no active connection
   * left over all services (drained) or `timeoutSec` passed. Readings that fail are retried;
   * when none succeeded by the timeout, fails with the last error.
   */
  async waitDrained(
    clusterId: string,
    hostId: string,
    timeoutSec: number,
    opts: WaitDrainedOptions = {},
  ): Promise<DrainResult> {
    this.nodeOf(this.d.clusters.get(clusterId).desired, hostId);
    const start = Date.now();
    let activeConns: number | null = null;
    let lastError: string | null = null;
    for (;;) {
      if (opts.signal?.aborted)
        throw new AppError('ABORTED', 'waiting for the node to drain was cancelled');
      const { status, readable } = await this.read(clusterId);
      const waitedSec = seconds(Date.now() - start);
      if (readable) activeConns = nodeActiveConns(status, hostId) ?? 0;
      else lastError = status.error;
      opts.onProgress?.({
        activeConns: readable ? activeConns : null,
        waitedSec,
        error: status.error,
      });
      if (readable && activeConns === 0)
        return { hostId, drained: true, activeConns: 0, waitedSec };
      const left = timeoutSec * 1000 - (Date.now() - start);
      if (left <= 0) break;
      try {
        await delay(Math.min(this.d.pollMs ?? 1000, left), undefined, { signal: opts.signal });
      } catch {
        throw new AppError('ABORTED', 'waiting for the node to drain was cancelled');
      }
    }
    if (activeConns === null) {
      throw new AppError(
        'COMMAND_FAILED',
        `could not read the manager's IPVS table in ${timeoutSec} s: ${lastError ?? 'no answer'}`,
      );
    }
    return { hostId, drained: false, activeConns, waitedSec: seconds(Date.now() - start) };
  }

  private async read(clusterId: string): Promise<{ status: LbStatus; readable: boolean }> {
    const rec = this.d.clusters.get(clusterId);
    const cluster = rec.desired;
    // Saved but unapplied services and servers are pending, not down.
    const applied = rec.applied;
    const at = new Date().toISOString();
    const hostNames = Object.fromEntries(this.d.hostsRepo.list().map((h) => [h.id, h.name]));
    try {
      const [ka, list, stats, rate, checks, journal] = await runSections(
        (command, o) => runOnHost(this.d.target, cluster.manager.hostId, command, o),
        STATUS_SECTIONS,
      );
      if (!ka || !list || !stats || !rate)
        throw new AppError('INTERNAL', 'missing status sections');
      const { table, error } = readIpvsListings({ list, stats, rate });
      const keepalived = keepalivedStateOf(ka.stdout);
      // keepalived's own verdicts; without them (keepalived stopped, an older dump format)
      // the states still come from IPVS, which is what keepalived acts on.
      const checkView = checks?.code === 0 ? parseKeepalivedChecks(checks.stdout) : null;
      // Why keepalived took servers out; without its journal a down server has no reason.
      const downs = journal?.code === 0 ? parseKeepalivedLog(journal.stdout) : null;
      return {
        status: buildLbStatus({
          cluster,
          at,
          keepalived,
          table,
          error,
          hostNames,
          checks: checkView,
          applied,
          downs,
        }),
        readable: table !== null,
      };
    } catch (e) {
      const info = toErrorInfo(e);
      const error = `${info.code}: ${info.message}`;
      return {
        status: buildLbStatus({
          cluster,
          at,
          keepalived: 'unknown',
          table: null,
          error,
          hostNames,
          applied,
        }),
        readable: false,
      };
    }
  }

  private async checkHost(host: HostPlan, signal?: AbortSignal) {
    const checks = checkSections(host);
    const results = await runSections(
      (command, o) => runOnHost(this.d.target, host.hostId, command, signal ? { ...o, signal } : o),
      checks.map((c) => c.section),
    );
    const byStep = new Map<PlanStep, SectionResult>();
    checks.forEach((c, i) => {
      const r = results[i];
      if (r) byStep.set(c.step, r);
    });
    return driftItems(host, byStep);
  }

  /** The node `hostId` of the cluster, or a VALIDATION error naming hostId. */
  private nodeOf(c: Cluster, hostId: string): ClusterNode {
    const name = this.d.hostsRepo.list().find((h) => h.id === hostId)?.name;
    const who = name === undefined ? hostId : `${name} (${hostId})`;
    const invalid = (message: string) =>
      new AppError('VALIDATION', `hostId: ${message}`, { issues: [{ field: 'hostId', message }] });
    if (hostId === c.manager.hostId)
      throw invalid(`${who} is the manager of cluster ${c.name}, not a node`);
    const node = c.nodes.find((n) => n.hostId === hostId);
    if (!node) throw invalid(`${who} is not a node of cluster ${c.name}`);
    return node;
  }
}
