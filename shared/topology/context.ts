import { enabledNodes, type Cluster } from '../model/cluster';
import type { HostFacts } from '../model/facts';
import type { HostView } from '../model/host';
import type { LbService } from '../model/lb';
import type { HostQueueView } from '../model/queue';
import type { LbRealServerStatus, LbStatus } from '../lb/status';
import { STATE_TONE } from './host-state';
import type { TopologyEdge, TopologyInput, TopologyNode, TopologyState } from './types';
import { nodeSize } from './structure';

/** One host serving one service, in the desired and/or the applied model. */
export interface ServesRelation {
  service: LbService;
  hostId: string;
  /** The model weight; undefined where that model does not have the relation. */
  desiredWeight: number | undefined;
  appliedWeight: number | undefined;
  /** NAT may forward to another port than the service's. */
  port: number | undefined;
}

/** What the builders share: the input, indexed. */
export interface TopologyContext {
  c: Cluster;
  applied: Cluster | null;
  lb: LbStatus | null;
  views: Map<string, HostView>;
  queues: Map<string, HostQueueView>;
  facts: Record<string, HostFacts | null>;
  /** Desired services, then those only the applied model has. */
  services: { desired: LbService | undefined; applied: LbService | undefined; id: string }[];
  /** Serves relations by service id, and by host id. */
  servesBySvc: Map<string, ServesRelation[]>;
  servesByHost: Map<string, ServesRelation[]>;
  name: (hostId: string) => string;
  realServer: (serviceId: string, hostId: string) => LbRealServerStatus | undefined;
}

/** Who serves a service in one model: its enabled nodes, then the manager when included. */
function servers(c: Cluster, s: LbService): { hostId: string; weight: number; port?: number }[] {
  const enabled = new Set(enabledNodes(c).map((n) => n.hostId));
  const out: { hostId: string; weight: number; port?: number }[] = s.realServers
    .filter((r) => enabled.has(r.hostId))
    .map((r) => ({ hostId: r.hostId, weight: r.weight, ...(r.port ? { port: r.port } : {}) }));
  if (s.includeManager) out.push({ hostId: c.manager.hostId, weight: s.includeManager.weight });
  return out;
}

export function topologyContext(input: TopologyInput): TopologyContext {
  const { cluster: c, applied, lb } = input;
  const views = new Map(input.hosts.map((h) => [h.id, h]));
  const queues = new Map(input.queues.map((q) => [q.hostId, q]));
  const desiredIds = new Set(c.services.map((s) => s.id));
  const services = [
    ...c.services.map((s) => ({
      id: s.id,
      desired: s,
      applied: applied?.services.find((a) => a.id === s.id),
    })),
    ...(applied?.services ?? [])
      .filter((s) => !desiredIds.has(s.id))
      .map((s) => ({ id: s.id, desired: undefined, applied: s })),
  ];
  const servesBySvc = new Map<string, ServesRelation[]>();
  const servesByHost = new Map<string, ServesRelation[]>();
  for (const svc of services) {
    const want = svc.desired ? servers(c, svc.desired) : [];
    const had = svc.applied && applied ? servers(applied, svc.applied) : [];
    const ids = [...new Set([...want, ...had].map((r) => r.hostId))];
    const wantBy = new Map(want.map((r) => [r.hostId, r]));
    const hadBy = new Map(had.map((r) => [r.hostId, r]));
    const rels = ids.map((hostId): ServesRelation => {
      const w = wantBy.get(hostId);
      const h = hadBy.get(hostId);
      return {
        service: svc.desired ?? svc.applied,
        hostId,
        desiredWeight: w?.weight,
        appliedWeight: h?.weight,
        port: (w ?? h)?.port,
      };
    });
    servesBySvc.set(svc.id, rels);
    for (const r of rels) servesByHost.set(r.hostId, [...(servesByHost.get(r.hostId) ?? []), r]);
  }
  const rs = new Map<string, LbRealServerStatus>();
  for (const s of lb?.services ?? []) {
    if (s.serviceId === null) continue;
    for (const r of s.realServers) {
      const hostId = r.isManager ? c.manager.hostId : r.hostId;
      if (hostId !== null) rs.set(`${s.serviceId}\n${hostId}`, r);
    }
  }
  return {
    c,
    applied,
    lb,
    views,
    queues,
    facts: input.facts ?? {},
    services,
    servesBySvc,
    servesByHost,
    name: (id) => views.get(id)?.name ?? id,
    realServer: (svc, host) => rs.get(`${svc}\n${host}`),
  };
}

/** The state text of an edge only the applied model has. */
const REMOVED_TEXT = 'removed from the model, not applied yet';

/** A node with its size and tone filled in from the rest. */
export function makeNode(
  n: Omit<TopologyNode, 'width' | 'height' | 'tone' | 'stateText'> & { stateText?: string },
): TopologyNode {
  return {
    ...n,
    stateText: n.stateText ?? '',
    tone: STATE_TONE[n.state],
    ...nodeSize(n.kind, n.sublabel.length),
  };
}

/** An edge with its tone filled in; a removed thing is `removed` whatever else it says. */
export function makeEdge(
  e: Omit<TopologyEdge, 'tone' | 'state' | 'stateText'> & {
    state?: TopologyState;
    stateText?: string;
  },
): TopologyEdge {
  const removed = e.pending.includes('removed');
  const state = removed ? 'removed' : (e.state ?? 'ok');
  const text = e.stateText ?? '';
  return {
    ...e,
    state,
    stateText: removed ? [REMOVED_TEXT, text].filter(Boolean).join(' · ') : text,
    tone: STATE_TONE[state],
  };
}
