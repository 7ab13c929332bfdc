import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { AuditEntry, ClusterView } from '../../../shared/api/contract';
import { observationsFor } from '../../../shared/cluster/observe';
import type { DriftReport, LbStatus } from '../../../shared/lb/status';
import { clusterHostIds } from '../../../shared/model/cluster';
import type { HostFacts } from '../../../shared/model/facts';
import type { HostView } from '../../../shared/model/host';
import type { ObservedHost } from '../../../shared/model/observed-host';
import type { HostQueueView, QueueRunView } from '../../../shared/model/queue';
import type { TaskContext } from '../tasks/task-service';
import type { SnapshotBody, SnapshotFile, SnapshotHost } from '../../../shared/snapshot/format';
import { readRemoteFiles } from '../cluster/read-files';
import { runOnHost, type HostRunner } from '../cluster/run-on-host';

/** What taking a snapshot reads: the engine's own services, as the API's requests do. */
export interface CaptureDeps {
  clusters: { get(clusterId: string): ClusterView };
  hosts: {
    list(): HostView[];
    probe(hostId: string, signal?: AbortSignal): Promise<HostFacts>;
    getFacts(hostId: string): HostFacts | null;
  };
  target: HostRunner;
  queue: { view(hostId: string): HostQueueView };
  queueRepo: { runs(itemId: number): QueueRunView[] };
  lb: {
    status(clusterId: string): Promise<LbStatus>;
    /** The drift report without caching its plan for plans:apply (see LbService.drift). */
    drift(clusterId: string, task?: TaskContext, opts?: { review?: boolean }): Promise<DriftReport>;
  };
  audit: { list(limit: number): AuditEntry[] };
  appVersion: string;
}

/** How many audit entries are looked through for the cluster's (the newest first). */
const AUDIT_SCAN = 1000;

const aborted = () => new AppError('ABORTED', 'taking the snapshot was cancelled');

/**
 * Reads the whole cluster as it is now over the kept SSH sessions: its model and findings, every
 * host of the desired and the applied model (in parallel: a fresh probe, then the files the
 * planner reads there, its queue and the runs of its failed steps), the load balancer's live
 * status, the drift report and the audit entries about the cluster and its hosts.
 *
 * A host that cannot be reached is recorded as such, with its last known facts, and the
 * snapshot is still taken; then the drift is not checked (it needs every host) and `driftError`
 * says why. A `before-apply` snapshot stays cheap, since every apply waits for it: it keeps the
 * facts of the preview that just ran instead of probing again, and leaves out the drift check
 * (the reviewed plan is what differs); it still reads every host's files. `signal` stops every read (ABORTED); `progress` counts the hosts read. The body
 * still holds secrets: encodeSnapshotFile redacts them.
 */
export async function captureSnapshot(
  d: CaptureDeps,
  clusterId: string,
  reason: SnapshotBody['reason'],
  signal: AbortSignal,
  progress: TaskContext['progress'],
): Promise<SnapshotBody> {
  const takenAt = new Date().toISOString();
  const cluster = d.clusters.get(clusterId);
  const ids = clusterHostIds(cluster.cluster, cluster.applied);
  const known = new Map(d.hosts.list().map((h) => [h.id, h]));
  // A host removed from the store since has nothing left to read or show.
  const views = ids.flatMap((id) => known.get(id) ?? []);
  let done = 0;
  progress({ done: 0, total: views.length, step: 'reading the hosts', hostName: null });
  const hosts = await Promise.all(
    views.map(async (view) => {
      const host = await captureHost(d, cluster, view, reason === 'manual', signal);
      progress({ done: ++done, hostName: view.name, step: 'reading the hosts' });
      return host;
    }),
  );
  if (signal.aborted) throw aborted();

  progress({ step: 'reading the load balancer', hostName: null });
  const lb = await d.lb.status(clusterId).catch(() => null);
  let drift: DriftReport | null = null;
  let driftError: string | null = null;
  const down = hosts.filter((h) => !h.reachable).map((h) => h.host.name);
  if (reason === 'before-apply') {
    driftError = 'not checked before an apply: the reviewed plan lists what differs';
  } else if (down.length > 0) {
    driftError = `not checked: ${down.join(', ')} could not be reached`;
  } else {
    progress({ step: 'checking for drift', hostName: null });
    try {
      drift = await d.lb.drift(
        clusterId,
        { signal, progress: (p) => progress({ step: `checking for drift: ${p.step ?? ''}` }) },
        { review: false },
      );
    } catch (e) {
      if (signal.aborted) throw aborted();
      const info = toErrorInfo(e);
      driftError = `${info.code}: ${info.message}`;
    }
  }

  const hostIds = new Set(ids);
  const audit = d.audit
    .list(AUDIT_SCAN)
    .filter(
      (e) => e.details['clusterId'] === clusterId || (e.hostId !== null && hostIds.has(e.hostId)),
    );
  return {
    takenAt,
    appVersion: d.appVersion,
    reason,
    cluster,
    hosts,
    lb,
    drift,
    driftError,
    audit,
    redactions: [],
  };
}

async function captureHost(
  d: CaptureDeps,
  cluster: ClusterView,
  host: HostView,
  probe: boolean,
  signal: AbortSignal,
): Promise<SnapshotHost> {
  const queue = d.queue.view(host.id);
  const runs: Record<string, QueueRunView[]> = {};
  for (const item of queue.items.filter((i) => i.state === 'failed' || i.lastError !== null))
    runs[String(item.id)] = d.queueRepo.runs(item.id);
  const base = { host, queue, runs };
  const last = d.hosts.getFacts(host.id);
  const unreachable = (e: unknown): SnapshotHost => {
    if (signal.aborted) throw aborted();
    const { code, message } = toErrorInfo(e);
    return { ...base, reachable: false, error: { code, message }, facts: last, files: [] };
  };
  let facts = last;
  if (probe || facts === null) {
    try {
      facts = await d.hosts.probe(host.id, signal);
    } catch (e) {
      return unreachable(e);
    }
  }
  try {
    // Without a probe, reading the files is what tells whether the host answers.
    const files = await readFiles(d, cluster, host.id, facts, signal, !probe);
    return { ...base, reachable: true, error: null, facts, files };
  } catch (e) {
    return unreachable(e);
  }
}

/**
 * The files the planner reads on the host before planning (observationsFor), in the same
 * rounds: some paths depend on what earlier reads found (interface index, networkd state).
 */
async function readFiles(
  d: CaptureDeps,
  view: ClusterView,
  hostId: string,
  facts: HostFacts,
  signal: AbortSignal,
  /** Throw when the first read fails (nothing else has shown the host answers). */
  strict: boolean,
): Promise<SnapshotFile[]> {
  const mine: ObservedHost = { facts, files: {} };
  const failed = new Map<string, string>();
  for (let round = 0; round < 5; round++) {
    const wanted =
      observationsFor(view.cluster, { applied: view.applied, observed: { [hostId]: mine } })[
        hostId
      ] ?? [];
    const missing = wanted.filter((p) => !(p in mine.files) && !failed.has(p));
    if (missing.length === 0) break;
    try {
      const files = await readRemoteFiles(
        (command, o) => runOnHost(d.target, hostId, command, { timeoutMs: o.timeoutMs, signal }),
        missing,
      );
      Object.assign(mine.files, files);
    } catch (e) {
      if (signal.aborted) throw aborted();
      if (strict && round === 0) throw e;
      const { code, message } = toErrorInfo(e);
      for (const p of missing) failed.set(p, `${code}: ${message}`);
    }
  }
  const files: SnapshotFile[] = Object.entries(mine.files).map(([path, content]) => ({
    path,
    content,
    error: null,
  }));
  for (const [path, error] of failed) files.push({ path, content: null, error });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
