import { storageHostId, type Cluster, type ClusterNode } from '../model/cluster';
import type { HostFacts } from '../model/facts';
import type { HostView } from '../model/host';
import type { HostQueueView } from '../model/queue';
import { storageLayout } from '../plan/context';
import type { TopologyHostStatus, TopologyState, TopologyTone } from './types';

/** The tone of each state word (the UI gives each tone one colour and one icon). */
export const STATE_TONE: Record<TopologyState, TopologyTone> = {
  ok: 'ok',
  up: 'ok',
  connected: 'ok',
  running: 'busy',
  waiting: 'busy',
  connecting: 'busy',
  reconnecting: 'busy',
  pending: 'busy',
  drain: 'warn',
  maintenance: 'warn',
  extra: 'warn',
  sorry: 'warn',
  'mount-missing': 'warn',
  down: 'error',
  unreachable: 'error',
  halted: 'error',
  unknown: 'muted',
  disabled: 'muted',
  disconnected: 'muted',
  removed: 'muted',
};

/** HostView's connection state in the graph's words (`error` is `unreachable`). */
export function connectionState(view: HostView | undefined): TopologyState {
  if (view === undefined) return 'unknown';
  if (view.state === 'error') return 'unreachable';
  return view.state;
}

const indexes = new WeakMap<Cluster, Map<string, ClusterNode>>();

/** A model's nodes by host id (built once per model object: graphs of 500 nodes ask often). */
export function nodeIndex(c: Cluster): Map<string, ClusterNode> {
  let index = indexes.get(c);
  if (index === undefined) {
    index = new Map(c.nodes.map((n) => [n.hostId, n]));
    indexes.set(c, index);
  }
  return index;
}

/** Whether a host mounts the site storage in a model: enabled nodes, and the manager when it is external. */
export function mountsStorage(c: Cluster, hostId: string): boolean {
  if (hostId === storageHostId(c)) return false;
  if (hostId === c.manager.hostId) return true;
  return nodeIndex(c).get(hostId)?.enabled === true;
}

/**
 * Whether a host has the site storage mounted, as far as its facts tell. The probe reads the
 * filesystem holding /chroot: with external storage /chroot itself is the NFS mount, so the
 * facts say `mounted` or `missing`; storage on the manager is mounted at /chroot/home, which the
 * probe does not read, so that stays `unknown`. A host the applied model does not mount on yet
 * is `pending`. Facts are as old as the last probe: a mount made since reads as missing until
 * the next one.
 */
export function mountState(
  c: Cluster,
  applied: Cluster | null,
  hostId: string,
  facts: HostFacts | null | undefined,
): TopologyHostStatus['mount'] {
  if (!mountsStorage(c, hostId)) return 'none';
  if (applied === null || !mountsStorage(applied, hostId)) return 'pending';
  if (c.storage.kind === 'manager' || facts === null || facts === undefined) return 'unknown';
  const disk = facts.disks.find((d) => d.path === '/chroot');
  if (disk === undefined) return 'unknown';
  const source = storageLayout(c).clientMount.source;
  const nfs = disk.fsType?.startsWith('nfs') === true || disk.filesystem === source;
  return disk.exists && disk.mount === '/chroot' && nfs ? 'mounted' : 'missing';
}

/** A host's live state for the graph: connection, queue, lb mode and mount. */
export function hostStatus(
  c: Cluster,
  applied: Cluster | null,
  hostId: string,
  view: HostView | undefined,
  queue: HostQueueView | undefined,
  facts: HostFacts | null | undefined,
): TopologyHostStatus {
  const node = nodeIndex(c).get(hostId);
  const head = queue?.current ?? queue?.items.find((i) => i.state === 'failed') ?? null;
  return {
    connection: connectionState(view),
    queue: queue?.status ?? 'idle',
    queueError:
      queue?.status === 'halted'
        ? (head?.lastError ?? queue.items.find((i) => i.state === 'failed')?.lastError ?? null)
        : null,
    queueHead: queue !== undefined && queue.status !== 'idle' ? (head?.title ?? null) : null,
    queuePending: queue?.pending ?? 0,
    lbMode: node?.lbMode ?? 'active',
    enabled: node?.enabled ?? true,
    mount: mountState(c, applied, hostId, facts),
  };
}

/**
 * The one word a host node shows, worst first: disabled, unreachable, halted, down (a real
 * server of it is down), mount missing, maintenance, drain, (re)connecting, running, waiting,
 * disconnected, unknown (no host view), else up.
 */
export function hostNodeState(s: TopologyHostStatus, anyDown: boolean): TopologyState {
  if (!s.enabled) return 'disabled';
  if (s.connection === 'unreachable') return 'unreachable';
  if (s.queue === 'halted') return 'halted';
  if (anyDown) return 'down';
  if (s.mount === 'missing') return 'mount-missing';
  if (s.lbMode !== 'active') return s.lbMode;
  if (s.connection === 'reconnecting' || s.connection === 'connecting') return s.connection;
  if (s.queue === 'running' || s.queue === 'waiting') return s.queue;
  if (s.connection === 'disconnected' || s.connection === 'unknown') return s.connection;
  return 'up';
}

/** "connected · queue halted: mkdir failed · drained (weight 0)" for a person. */
export function hostStateText(
  s: TopologyHostStatus,
  view: HostView | undefined,
  downs: string[],
): string {
  const parts: string[] = [];
  if (!s.enabled) parts.push('disabled (out of storage and services)');
  const conn = s.connection === 'unknown' ? 'connection unknown' : s.connection;
  parts.push(
    view?.lastError && s.connection !== 'connected' ? `${conn}: ${view.lastError.message}` : conn,
  );
  if (s.queue === 'halted') parts.push(`queue halted${s.queueError ? `: ${s.queueError}` : ''}`);
  else if (s.queue !== 'idle')
    parts.push(`queue ${s.queue}${s.queueHead ? `: ${s.queueHead}` : ''}`);
  else parts.push('queue idle');
  if (s.lbMode === 'drain') parts.push('drained (weight 0)');
  if (s.lbMode === 'maintenance') parts.push('maintenance (out of every service)');
  if (s.mount === 'missing') parts.push('site storage not mounted');
  parts.push(...downs);
  return parts.join(' · ');
}
