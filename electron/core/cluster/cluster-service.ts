import { createHash, randomUUID } from 'node:crypto';
import type { ClusterView } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { Cluster, parseCluster, clusterHostIds } from '../../../shared/model/cluster';
import {
  hasErrors,
  issuesError,
  type ClusterHostRef,
  type Issue,
} from '../../../shared/model/cluster-issues';
import { observationsFor } from '../../../shared/cluster/observe';
import type { ObservedHost } from '../../../shared/model/observed-host';
import { validateCluster } from '../../../shared/cluster/validate';
import type { HostFacts } from '../../../shared/model/facts';
import { planCluster } from '../../../shared/cluster/plan';
import { planForceRemoveNode } from '../../../shared/plan/leave';
import type { Plan } from '../../../shared/plan/types';
import type { EventBus } from '../events/event-bus';
import type { HostService } from '../hosts/host-service';
import type { CommandQueue } from '../queue/command-queue';
import type { StepTarget } from '../queue/command-queue';
import type { AuditRepository } from '../store/audit-repository';
import type { ClusterRecord, ClustersRepository } from '../store/clusters-repository';
import type { HostsRepository } from '../store/hosts-repository';
import type { QueueItem, QueueRepository } from '../store/queue-repository';
import { readRemoteFiles } from './read-files';
import type { TaskContext } from '../tasks/task-service';
import { runOnHost } from './run-on-host';

/** Dependencies of {@link ClusterService}. */
export interface ClusterServiceDeps {
  clusters: ClustersRepository;
  hostsRepo: HostsRepository;
  hosts: HostService;
  queueRepo: QueueRepository;
  queue: CommandQueue;
  target: StepTarget;
  audit: AuditRepository;
  events: EventBus;
}

/** The canonical hash of a plan's steps: what the user reviewed is what gets applied. */
export function planHash(plan: Plan): string {
  return createHash('sha256')
    .update(JSON.stringify({ title: plan.title, hosts: plan.hosts }))
    .digest('hex');
}

/** How long a previewed plan may be applied. */
const PLAN_TTL_MS = 30 * 60_000;

interface ReviewedPlan {
  plan: Plan;
  model: string;
  at: number;
}

/** Clusters: the model, its validation, plans against the live hosts, and applies through the queues. */
export class ClusterService {
  /** The latest preview of each cluster: apply takes exactly that plan, by its hash. */
  private readonly reviewed = new Map<string, ReviewedPlan>();

  constructor(private readonly d: ClusterServiceDeps) {}

  /** Every cluster with its validation against the last probed facts. */
  list(): ClusterView[] {
    return this.d.clusters.list().map((r) => this.view(r));
  }

  /** One cluster. */
  get(clusterId: string): ClusterView {
    return this.view(this.d.clusters.get(clusterId));
  }

  /**
   * What a save of `input` would report, without saving (the setup wizard checks each step as
   * the admin leaves it): the model's issues against the hosts' last facts, and a name another
   * cluster has. A malformed model fails with VALIDATION, as a save does.
   */
  validate(input: unknown): Issue[] {
    const { cluster, issues } = this.checked(input);
    const taken = this.d.clusters
      .list()
      .some((r) => r.desired.name === cluster.name && r.desired.id !== cluster.id);
    if (!taken) return issues;
    const message = `a cluster named "${cluster.name}" already exists`;
    return [{ field: 'name', message, severity: 'error' }, ...issues];
  }

  /** Creates (no id) or replaces the desired model; errors refuse it, warnings come back. */
  save(input: unknown): ClusterView {
    const { cluster, issues } = this.checked(input);
    if (hasErrors(issues)) throw issuesError(issues);
    this.d.clusters.saveDesired(cluster);
    this.d.audit.record({
      action: 'clusters:save',
      result: 'ok',
      details: { clusterId: cluster.id, name: cluster.name },
    });
    this.d.events.emit('clusters:changed', {});
    return this.get(cluster.id);
  }

  /** Forgets a cluster on this workstation (the hosts keep their configuration). */
  remove(clusterId: string): { removed: boolean } {
    const removed = this.d.clusters.remove(clusterId);
    this.d.audit.record({ action: 'clusters:remove', result: 'ok', details: { clusterId } });
    this.d.events.emit('clusters:changed', {});
    return { removed };
  }

  /**
   * Takes an unreachable node out of the model (desired and applied), and lists what the
   * cluster left on it; the next plan drops it from the exports without waiting for it.
   */
  forceRemoveNode(
    clusterId: string,
    hostId: string,
  ): { cluster: ClusterView; leftovers: string[] } {
    const rec = this.d.clusters.get(clusterId);
    const hosts = this.hostRefs();
    const { cluster, leftovers } = planForceRemoveNode({ cluster: rec.desired, hostId, hosts });
    this.d.clusters.saveDesired(cluster);
    if (rec.applied) {
      this.d.clusters.saveApplied(
        clusterId,
        Cluster.parse({
          ...rec.applied,
          nodes: rec.applied.nodes.filter((n) => n.hostId !== hostId),
        }),
      );
    }
    this.d.audit.record({
      action: 'clusters:forceRemoveNode',
      hostId,
      result: 'ok',
      details: { clusterId, leftovers },
    });
    this.d.events.emit('clusters:changed', {});
    return { cluster: this.get(clusterId), leftovers };
  }

  /**
   * Observes every host of the cluster (fresh probe, then the files the planner reads) and
   * plans desired vs. applied. `full` plans every step (a repair / re-check run). A task's
   * signal stops the reads on every host; its progress counts the hosts observed. `review`
   * false keeps the plan from apply (a snapshot's drift must not replace the admin's).
   */
  async preview(
    clusterId: string,
    full = false,
    task?: TaskContext,
    opts: { review?: boolean } = {},
  ): Promise<Plan> {
    const rec = this.d.clusters.get(clusterId);
    const observed = await this.observe(rec, task);
    const planned = planCluster(
      { desired: rec.desired, applied: rec.applied, hosts: this.hostRefs(), observed },
      { full },
    );
    const plan = { ...planned, hash: planHash(planned) };
    if (opts.review !== false)
      this.reviewed.set(clusterId, { plan, model: JSON.stringify(rec.desired), at: Date.now() });
    return plan;
  }

  /**
   * Queues exactly the plan the user reviewed (the latest preview, by its hash) and records the
   * apply. Hosts that cannot be reached now catch up through their queues. PLAN_STALE when the
   * model changed since, or the preview is older than 30 minutes. Each file write still checks
   * that the host's copy is the one the plan's diff was made against.
   */
  apply(clusterId: string, reviewedHash: string): { applyId: string; plan: Plan } {
    const plan = this.reviewedPlan(clusterId, reviewedHash);
    this.reviewed.delete(clusterId);
    return this.enqueue(clusterId, plan, this.d.clusters.get(clusterId).desired);
  }

  /** The reviewed plan that apply would queue, or the error apply would throw (see apply). */
  reviewedPlan(clusterId: string, reviewedHash: string): Plan {
    this.d.queue.assertRunsHere('plans:apply');
    const rec = this.d.clusters.get(clusterId);
    const reviewed = this.reviewed.get(clusterId);
    if (!reviewed || reviewed.plan.hash !== reviewedHash) {
      throw new AppError(
        'PLAN_STALE',
        'planHash: this is not the latest plan shown for the cluster; preview it again',
        { clusterId },
      );
    }
    if (reviewed.model !== JSON.stringify(rec.desired) || Date.now() - reviewed.at > PLAN_TTL_MS) {
      this.reviewed.delete(clusterId);
      throw new AppError(
        'PLAN_STALE',
        'planHash: the model changed or the plan is too old since it was shown; preview it again',
        { clusterId },
      );
    }
    return reviewed.plan;
  }

  /**
   * Queues a plan the engine made for an operation asked for directly, with nothing to review
   * (a node's mode: see LbService.setNodeMode), and records it as an apply like a reviewed
   * plan: `model` is what the hosts have once it is done (saved as the applied model then).
   */
  queueDirect(
    clusterId: string,
    plan: Plan,
    model: Cluster,
    via: string,
    opts: { supersedes?: readonly string[] } = {},
  ): { applyId: string; plan: Plan } {
    this.d.queue.assertRunsHere(via);
    const earlier = opts.supersedes ? this.supersedable(plan, opts.supersedes) : [];
    const queued = this.enqueue(clusterId, { ...plan, hash: planHash(plan) }, model, via);
    for (const { hostId, applyId } of earlier)
      this.d.queue.supersede(hostId, applyId, queued.applyId);
    return queued;
  }

  /**
   * Earlier applies whose every unfinished step is on a host of `plan` and has one of `stepIds`:
   * a plan built on the model of the newest apply does all they still would, with newer content
   * (for a node's mode: keepalived.conf and the IPVS sync, so a stale file is never reloaded
   * after the newer mode took effect).
   */
  private supersedable(
    plan: Plan,
    stepIds: readonly string[],
  ): { hostId: string; applyId: string }[] {
    const out: { hostId: string; applyId: string }[] = [];
    for (const h of plan.hosts) {
      const open = this.d.queueRepo
        .list(h.hostId, 0)
        .filter((i) => i.applyId !== null && i.state !== 'running');
      for (const applyId of new Set(open.map((i) => i.applyId ?? ''))) {
        const mine = open.filter((i) => i.applyId === applyId);
        if (!mine.every((i) => stepIds.includes(i.stepId))) continue;
        if (this.d.queueRepo.applyProgress(applyId).open !== mine.length) continue;
        out.push({ hostId: h.hostId, applyId });
      }
    }
    return out;
  }

  private enqueue(
    clusterId: string,
    plan: Plan,
    model: Cluster,
    via?: string,
  ): { applyId: string; plan: Plan } {
    const applyId = randomUUID();
    const hash = plan.hash ?? planHash(plan);
    this.d.clusters.transaction(() => {
      this.d.clusters.addApply({
        id: applyId,
        clusterId,
        title: plan.title,
        planHash: hash,
        plan,
        model,
      });
      for (const h of plan.hosts) this.d.queueRepo.enqueue(h.hostId, applyId, h.steps);
    });
    this.d.audit.record({
      action: 'plans:apply',
      result: 'ok',
      details: {
        clusterId,
        applyId,
        planHash: hash,
        title: plan.title,
        hosts: plan.hosts.map((h) => h.hostName),
        state: 'queued',
        ...(via === undefined ? {} : { via }),
      },
    });
    if (plan.hosts.length === 0) this.finishIfDone(applyId);
    for (const h of plan.hosts) this.d.queue.kick(h.hostId);
    return { applyId, plan };
  }

  /** An apply and how it ended (finishedAt null while its steps are queued). */
  applyStatus(applyId: string) {
    const a = this.d.clusters.getApply(applyId);
    if (!a) throw new AppError('NOT_FOUND', `applyId: no apply with id ${applyId}`);
    return { ...a, progress: this.d.queueRepo.applyProgress(applyId) };
  }

  /** Called for every queue item that reached a final state: closes its apply when all are. */
  onItemFinished(item: QueueItem): void {
    if (item.applyId) this.finishIfDone(item.applyId);
  }

  private finishIfDone(applyId: string): void {
    const progress = this.d.queueRepo.applyProgress(applyId);
    if (progress.open > 0) return;
    const result = (progress.byState.cancelled ?? 0) > 0 ? 'cancelled' : 'ok';
    if (!this.d.clusters.finishApply(applyId, result)) return;
    const apply = this.d.clusters.getApply(applyId);
    if (apply?.clusterId && apply.model && result === 'ok')
      this.d.clusters.saveApplied(apply.clusterId, apply.model);
    this.d.audit.record({
      action: 'apply:finished',
      result: result === 'ok' ? 'ok' : 'error',
      details: {
        applyId,
        clusterId: apply?.clusterId,
        planHash: apply?.planHash,
        result,
        ...progress.byState,
      },
    });
    this.d.events.emit('apply:finished', { applyId, clusterId: apply?.clusterId ?? null, result });
    this.d.events.emit('clusters:changed', {});
  }

  private async observe(
    rec: ClusterRecord,
    task?: TaskContext,
  ): Promise<Record<string, ObservedHost>> {
    const ids = clusterHostIds(rec.desired, rec.applied);
    const observed: Record<string, ObservedHost> = {};
    const names = this.hostRefs();
    let probed = 0;
    task?.progress({ done: 0, total: ids.length, step: 'probing the hosts', hostName: null });
    await Promise.all(
      ids.map(async (id) => {
        observed[id] = { facts: await this.d.hosts.probe(id, task?.signal), files: {} };
        task?.progress({ done: ++probed, hostName: names[id]?.name ?? id });
      }),
    );
    task?.progress({ step: 'reading the files the plan changes', hostName: null });
    // Some paths depend on what earlier reads found: read until nothing new is asked.
    for (let round = 0; round < 5; round++) {
      const wanted = observationsFor(rec.desired, { applied: rec.applied, observed });
      const missing = Object.entries(wanted)
        .map(
          ([id, paths]) => [id, paths.filter((p) => !(p in (observed[id]?.files ?? {})))] as const,
        )
        .filter(([, paths]) => paths.length > 0);
      if (missing.length === 0) return observed;
      await Promise.all(
        missing.map(async ([id, paths]) => {
          const files = await readRemoteFiles(
            (command, opts) => this.runOn(id, command, opts.timeoutMs, task?.signal),
            paths,
          );
          const host = observed[id];
          if (host) Object.assign(host.files, files);
        }),
      );
    }
    return observed;
  }

  private runOn(hostId: string, command: string, timeoutMs: number, signal?: AbortSignal) {
    return runOnHost(
      this.d.target,
      hostId,
      command,
      signal ? { timeoutMs, signal } : { timeoutMs },
    );
  }

  private hostRefs(): Record<string, ClusterHostRef> {
    return Object.fromEntries(
      this.d.hostsRepo.list().map((h) => [h.id, { name: h.name, address: h.address }]),
    );
  }

  private checked(input: unknown): { cluster: Cluster; issues: Issue[] } {
    const raw: Record<string, unknown> =
      typeof input === 'object' && input !== null ? { ...input } : {};
    const cluster = parseCluster({ ...raw, id: raw['id'] || randomUUID() });
    return { cluster, issues: validateCluster(cluster, this.validationContext(cluster)) };
  }

  private validationContext(c: Cluster) {
    const facts: Record<string, HostFacts | undefined> = {};
    for (const id of clusterHostIds(c)) {
      try {
        facts[id] = this.d.hostsRepo.getFacts(id) ?? undefined;
      } catch {
        facts[id] = undefined;
      }
    }
    return { hosts: this.hostRefs(), facts };
  }

  private view(r: ClusterRecord): ClusterView {
    return {
      cluster: r.desired,
      applied: r.applied,
      issues: validateCluster(r.desired, this.validationContext(r.desired)),
      updatedAt: r.updatedAt,
    };
  }
}
