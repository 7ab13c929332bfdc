import { realServerTargets } from '../../lb/cluster-lb';
import type { LbRealServerStatus, LbStatus } from '../../lb/status';
import { parseCluster, type Cluster, type ClusterInput } from '../../model/cluster';
import type { HostView } from '../../model/host';
import type { LbServiceInput } from '../../model/lb';
import type { HostQueueView, QueueItemView } from '../../model/queue';
import type { TopologyInput } from '../types';

/**
 * Topology inputs for tests and the benchmark: a cluster of any size (manager `m`, nodes
 * `n1`...`nN` named node1...nodeN, public 10.10.0.0/16 and private 10.20.0.0/16), its hosts
 * all connected, idle queues and a live reading with every real server up.
 */

const octets = (i: number) => `${Math.floor(i / 200)}.${(i % 200) + 10}`;

/** Services of a big cluster: HTTP, an HTTPS fwmark group, SMTP over NAT. */
export function bigServices(nodeIds: string[]): LbServiceInput[] {
  const realServers = nodeIds.map((hostId) => ({ hostId }));
  return [
    {
      id: 'web',
      name: 'HTTP',
      vip: '10.10.9.100',
      listen: { kind: 'port', port: 80 },
      realServers,
    },
    {
      id: 'tls',
      name: 'HTTPS',
      vip: '10.10.9.100',
      listen: { kind: 'fwmark', mark: 100, ports: [443, 8443] },
      persistence: { seconds: 1800 },
      realServers,
    },
    {
      id: 'smtp',
      name: 'SMTP',
      vip: '10.10.9.101',
      listen: { kind: 'port', port: 25 },
      method: 'nat',
      realServers,
    },
  ];
}

/** A public + private cluster of `count` nodes with {@link bigServices}. */
export function bigCluster(count: number, patch: Partial<ClusterInput> = {}): Cluster {
  const ids = Array.from({ length: count }, (_, i) => `n${i + 1}`);
  return parseCluster({
    id: 'c-big',
    name: 'big',
    layout: 'public-private',
    manager: {
      hostId: 'm',
      publicIp: '10.10.0.2',
      privateIp: '10.20.0.2',
      quorumIp: '10.20.0.1',
    },
    storage: { kind: 'manager' },
    nodes: ids.map((hostId, i) => ({
      hostId,
      publicIp: `10.10.${octets(i + 1)}`,
      privateIp: `10.20.${octets(i + 1)}`,
    })),
    vips: [{ address: '10.10.9.100' }, { address: '10.10.9.101' }],
    services: bigServices(ids),
    ...patch,
  });
}

/** A connected host view. */
export function topoHost(id: string, name: string, patch: Partial<HostView> = {}): HostView {
  return {
    id,
    name,
    address: `${name}.lab`,
    port: 22,
    user: 'root',
    auth: { method: 'agent' },
    hasStoredSecret: false,
    trustedKey: null,
    state: 'connected',
    lastError: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

/** Host views of every host of a cluster: the manager `manager`, node `nK` named `nodeK`. */
export function topoHosts(c: Cluster, names: Record<string, string> = {}): HostView[] {
  const ids = [c.manager.hostId, ...c.nodes.map((n) => n.hostId)];
  if (c.storage.kind === 'external') ids.push(c.storage.hostId);
  return [...new Set(ids)].map((id) =>
    topoHost(id, names[id] ?? (id === c.manager.hostId ? 'manager' : id.replace(/^n/, 'node'))),
  );
}

/** A live reading of `c` with every real server up, except `states` ("svc/hostId" -> patch). */
export function topoLb(
  c: Cluster,
  states: Record<string, Partial<LbRealServerStatus>> = {},
): LbStatus {
  return {
    clusterId: c.id,
    at: '2026-01-01T12:00:00.000Z',
    managerHostId: c.manager.hostId,
    keepalived: 'active',
    services: c.services.map((s) => ({
      serviceId: s.id,
      name: s.name,
      label: s.name,
      key: s.id,
      method: s.method,
      present: true,
      pending: false,
      scheduler: s.scheduler,
      persistenceSec: s.persistence.seconds,
      stats: null,
      rate: null,
      realServers: realServerTargets(c, s).map((t) => ({
        hostId: t.hostId,
        hostName: t.hostId,
        address: t.address,
        port: t.port,
        isManager: t.isManager,
        state: t.weight === 0 ? 'drain' : 'up',
        forward: 'Route',
        weight: t.weight,
        modelWeight: t.weight,
        activeConns: 0,
        inactiveConns: 0,
        stats: null,
        rate: null,
        check: 'up',
        down: null,
        ...states[`${s.id}/${t.hostId}`],
      })),
    })),
    ipvsDrift: [],
    error: null,
  };
}

/** A queue halted on a failed step. */
export function haltedQueue(hostId: string, error: string): HostQueueView {
  const item: QueueItemView = {
    id: 1,
    hostId,
    applyId: 'a1',
    stepId: 'storage.mount',
    title: 'Mount the site storage',
    state: 'failed',
    attempts: 2,
    lastError: error,
    outcome: null,
    nextRetryAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:01.000Z',
    finishedAt: null,
  };
  return {
    hostId,
    status: 'halted',
    current: item,
    pending: 3,
    items: [item],
    waitingFor: null,
    applies: [],
  };
}

/** The whole input for a cluster applied as it is, everything up. */
export function topoInput(c: Cluster, patch: Partial<TopologyInput> = {}): TopologyInput {
  return { cluster: c, applied: c, hosts: topoHosts(c), lb: topoLb(c), queues: [], ...patch };
}
