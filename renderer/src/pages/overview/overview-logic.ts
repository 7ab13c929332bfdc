import type { AuditEntry, ClusterView } from '../../../../shared/api/contract';
import type { LbStatus } from '../../../../shared/lb/status';
import { clusterHostIds } from '../../../../shared/model/cluster';
import type { ConnectionState, HostView } from '../../../../shared/model/host';
import type { HostQueueView } from '../../../../shared/model/queue';
import { queueActivity } from '../../lib/queue-activity';

/** A host named on the overview. */
export interface HostRef {
  hostId: string;
  name: string;
}

/** A cluster host that is not connected, and in what state it is ('missing': removed). */
export interface HostDown extends HostRef {
  state: ConnectionState | 'missing';
}

/** The cluster's hosts: how many are connected, and which are not. */
export interface HostsHealth {
  total: number;
  connected: number;
  notConnected: HostDown[];
}

/**
 * The load-balanced services: how many the model has, and how many have a real server down
 * as the manager's live table says; `down` is null when no reading reached the manager
 * (`unreadable` then says why, or that none arrived yet).
 */
export interface ServicesHealth {
  total: number;
  down: number | null;
  /** Services of the model that the manager's IPVS does not have (not applied yet). */
  absent: number | null;
  unreadable: string | null;
}

/** What the cluster's queues do now. */
export type QueueHealth =
  | { state: 'unknown' }
  | { state: 'idle' }
  | { state: 'running'; hosts: HostRef[]; pending: number }
  | { state: 'halted'; hosts: HostRef[]; running: HostRef[] };

/** The cluster's last apply, as the audit log recorded it. */
export type LastApply =
  /** The log could not be read. */
  | { state: 'unknown'; reason: string }
  /** No apply in the entries read: `appliedBefore` when the cluster has an applied model. */
  | { state: 'none'; appliedBefore: boolean }
  | {
      state: 'finished';
      title: string;
      queuedAt: string;
      finishedAt: string;
      result: 'ok' | 'cancelled' | 'error';
    }
  | { state: 'open'; title: string; queuedAt: string };

/** Everything the overview says about one cluster. */
export interface ClusterHealth {
  clusterId: string;
  name: string;
  hosts: HostsHealth;
  services: ServicesHealth;
  queue: QueueHealth;
  lastApply: LastApply;
}

/** Where the overview's figures come from. */
export interface OverviewInput {
  hosts: HostView[];
  /** The queue store's views; null while they were never read. */
  queues: Record<string, HostQueueView> | null;
  /** The newest lb:status reading of the cluster, or why it failed; null before any. */
  lb: { status: LbStatus | null; error: string | null } | undefined;
  /** The audit log, newest first, or why it could not be read; null before it was read. */
  audit: { entries: AuditEntry[] } | { error: string } | null;
}

function refOf(hosts: HostView[], hostId: string): HostRef {
  return { hostId, name: hosts.find((h) => h.id === hostId)?.name ?? hostId };
}

/** The cluster's hosts (manager, storage, nodes) against the hosts' live connection state. */
export function hostsHealth(view: ClusterView, hosts: HostView[]): HostsHealth {
  const ids = clusterHostIds(view.cluster);
  const notConnected: HostDown[] = [];
  for (const hostId of ids) {
    const host = hosts.find((h) => h.id === hostId);
    if (host === undefined) notConnected.push({ hostId, name: hostId, state: 'missing' });
    else if (host.state !== 'connected')
      notConnected.push({ hostId, name: host.name, state: host.state });
  }
  return { total: ids.length, connected: ids.length - notConnected.length, notConnected };
}

/** The model's services against the manager's live reading. */
export function servicesHealth(view: ClusterView, lb: OverviewInput['lb']): ServicesHealth {
  const total = view.cluster.services.length;
  const reading = lb?.status ?? null;
  if (reading === null || reading.error !== null) {
    const unreadable =
      reading?.error ?? lb?.error ?? (total === 0 ? null : 'no reading of the manager yet');
    return { total, down: null, absent: null, unreadable };
  }
  const modelServices = reading.services.filter((s) => s.serviceId !== null);
  return {
    total,
    down: modelServices.filter((s) =>
      s.realServers.some((r) => r.state === 'down' || r.state === 'sorry'),
    ).length,
    absent: modelServices.filter((s) => !s.present).length,
    unreadable: null,
  };
}

/** The queues of the cluster's hosts: halted wins over running, running over idle. */
export function queueHealth(
  view: ClusterView,
  hosts: HostView[],
  queues: OverviewInput['queues'],
): QueueHealth {
  if (queues === null) return { state: 'unknown' };
  const activity = queueActivity(queues, clusterHostIds(view.cluster));
  const refs = (ids: string[]) => ids.map((id) => refOf(hosts, id));
  if (activity.halted.length > 0)
    return { state: 'halted', hosts: refs(activity.halted), running: refs(activity.running) };
  if (activity.running.length > 0)
    return { state: 'running', hosts: refs(activity.running), pending: activity.pending };
  // queue:list lists every host that ever had a step queued: one absent from it is idle.
  return { state: 'idle' };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The newest apply of the cluster in the audit log (entries newest first) and how it ended. */
export function lastApplyOf(view: ClusterView, audit: OverviewInput['audit']): LastApply {
  if (audit === null) return { state: 'unknown', reason: 'the log is being read' };
  if ('error' in audit) return { state: 'unknown', reason: audit.error };
  const clusterId = view.cluster.id;
  const queued = audit.entries.find(
    (e) => e.action === 'plans:apply' && e.details['clusterId'] === clusterId,
  );
  const applyId = text(queued?.details['applyId']);
  if (queued === undefined || applyId === null)
    return { state: 'none', appliedBefore: view.applied !== null };
  const title = text(queued.details['title']) ?? 'Apply';
  const finished = audit.entries.find(
    (e) => e.action === 'apply:finished' && e.details['applyId'] === applyId,
  );
  if (finished === undefined) return { state: 'open', title, queuedAt: queued.at };
  const result = text(finished.details['result']);
  return {
    state: 'finished',
    title,
    queuedAt: queued.at,
    finishedAt: finished.at,
    result: result === 'ok' || result === 'cancelled' ? result : 'error',
  };
}

/** The overview of one cluster. */
export function clusterHealth(view: ClusterView, input: OverviewInput): ClusterHealth {
  return {
    clusterId: view.cluster.id,
    name: view.cluster.name,
    hosts: hostsHealth(view, input.hosts),
    services: servicesHealth(view, input.lb),
    queue: queueHealth(view, input.hosts, input.queues),
    lastApply: lastApplyOf(view, input.audit),
  };
}

/** The hosts summary shown with no cluster, or beside the clusters. */
export function hostsSummary(hosts: HostView[]): {
  total: number;
  connected: number;
  /** Hosts whose last connection failed (key changed, unreachable, auth). */
  failing: number;
} {
  return {
    total: hosts.length,
    connected: hosts.filter((h) => h.state === 'connected').length,
    failing: hosts.filter((h) => h.state === 'error').length,
  };
}
