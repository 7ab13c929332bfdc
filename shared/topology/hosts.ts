import { describeDown } from '../lb/keepalived-log';
import type { ClusterNode } from '../model/cluster';
import { hostNodeState, hostStateText, hostStatus, mountsStorage, nodeIndex } from './host-state';
import { makeEdge, makeNode, type ServesRelation, type TopologyContext } from './context';
import { nodePending, presencePending, servesPending } from './pending';
import type {
  TopologyEdge,
  TopologyFact,
  TopologyHostStatus,
  TopologyNode,
  TopologyNodeKind,
  TopologyState,
} from './types';

/** The layered layout's columns, left to right. */
export const RANK: Record<
  'internet' | 'network' | 'manager' | 'vip' | 'service' | 'node' | 'storage' | 'storageHost',
  number
> = {
  internet: 0,
  network: 1,
  manager: 2,
  vip: 3,
  service: 4,
  node: 5,
  storage: 6,
  storageHost: 7,
};

/** A real server's state, keepalived's verdict and a sentence, for one serves relation. */
export function servesState(
  ctx: TopologyContext,
  rel: ServesRelation,
  lbMode: TopologyHostStatus['lbMode'],
  pending: string[],
): { state: TopologyState; stateText: string; check: 'up' | 'down' | 'pending' | null } {
  const rs = ctx.realServer(rel.service.id, rel.hostId);
  if (rs !== undefined) {
    const check = rs.check;
    const verdict = check === null ? '' : ` · keepalived check ${check}`;
    const texts: Record<string, string> = {
      up: `up · ${rs.activeConns} active`,
      down: describeDown(rs.down ?? { reason: null, since: null }),
      drain: `drained (weight 0) · ${rs.activeConns} active`,
      maintenance: 'maintenance (out of the service)',
      pending: 'not applied yet',
      extra: 'in IPVS but not in the model',
      sorry: 'the sorry server (every real server is down)',
      unknown: ctx.lb?.error ?? 'the manager table could not be read',
    };
    return { state: rs.state, stateText: `${texts[rs.state] ?? rs.state}${verdict}`, check };
  }
  if (lbMode === 'maintenance')
    return { state: 'maintenance', stateText: 'maintenance (out of the service)', check: null };
  if (pending.includes('new'))
    return { state: 'pending', stateText: 'not applied yet', check: null };
  if (ctx.lb === null && lbMode === 'drain')
    return { state: 'drain', stateText: 'drained (weight 0)', check: null };
  const why =
    ctx.lb === null ? 'no load-balancer reading yet' : (ctx.lb.error ?? 'not in the reading');
  return { state: 'unknown', stateText: why, check: null };
}

/** A host's node and its serves and mount edges. */
export interface HostPart {
  node: TopologyNode;
  edges: TopologyEdge[];
  /** Whether it must be drawn on its own (never inside a group). */
  alone: boolean;
}

const GROUPABLE = new Set<TopologyState>([
  'up',
  'running',
  'waiting',
  'connecting',
  'reconnecting',
  'disconnected',
  'unknown',
]);

const MOUNT_EDGE: Record<TopologyHostStatus['mount'], [TopologyState, string]> = {
  mounted: ['up', 'mounted'],
  missing: ['mount-missing', 'not mounted (as of the last probe)'],
  unknown: ['unknown', 'the facts do not tell whether it is mounted'],
  pending: ['pending', 'not applied yet'],
  none: ['unknown', ''],
};

/** The serves edges of one host and the mount edge, when it mounts the site storage. */
function hostEdges(
  ctx: TopologyContext,
  hostId: string,
  status: TopologyHostStatus,
  removed: boolean,
): TopologyEdge[] {
  const edges: TopologyEdge[] = [];
  for (const rel of ctx.servesByHost.get(hostId) ?? []) {
    const pending = removed
      ? ['removed']
      : servesPending(rel.desiredWeight, rel.appliedWeight, ctx.applied);
    const weight = rel.desiredWeight ?? rel.appliedWeight ?? 0;
    const drained = status.lbMode === 'drain' && !pending.includes('removed');
    const port = rel.port === undefined ? '' : ` · :${rel.port}`;
    edges.push(
      makeEdge({
        id: `serves:${rel.service.id}:${hostId}`,
        source: `svc:${rel.service.id}`,
        target: `host:${hostId}`,
        kind: 'serves',
        label: `${drained ? `weight 0 (drain, ${weight})` : `weight ${weight}`}${port}`,
        pending,
        ...servesState(ctx, rel, status.lbMode, pending),
      }),
    );
  }
  const inDesired = mountsStorage(ctx.c, hostId) && !removed;
  const inApplied = ctx.applied !== null && mountsStorage(ctx.applied, hostId);
  if (inDesired || inApplied) {
    const [state, stateText] = MOUNT_EDGE[status.mount];
    edges.push(
      makeEdge({
        id: `mount:${hostId}`,
        source: 'storage',
        target: `host:${hostId}`,
        kind: 'mount',
        label: null,
        pending: presencePending(inDesired, inApplied, ctx.applied),
        state,
        stateText,
      }),
    );
  }
  return edges;
}

/** A host's addresses in the layout's words, as facts ("Public": "10.10.0.11"). */
export function addressFacts(
  ctx: TopologyContext,
  publicIp: string,
  privateIp: string | undefined,
): TopologyFact[] {
  const facts = [{ label: ctx.c.layout === 'private-nat' ? 'Sites' : 'Public', value: publicIp }];
  if (privateIp !== undefined && privateIp !== publicIp)
    facts.push({ label: 'Private', value: privateIp });
  return facts;
}

/** The same as lines under a host's name ("public 10.10.0.11"). */
export const factLines = (facts: TopologyFact[]): string[] =>
  facts.map((f) => `${f.label.toLowerCase()} ${f.value}`);

/** A host's node (manager, node or storage host) with its live state and its edges. */
export function hostPart(
  ctx: TopologyContext,
  hostId: string,
  opts: {
    kind: TopologyNodeKind;
    rank: number;
    sublabel: string[];
    role: string;
    /** Its addresses and such for the side panel. */
    facts: TopologyFact[];
    pending: string[];
    node?: ClusterNode;
  },
): HostPart {
  const view = ctx.views.get(hostId);
  const status = hostStatus(
    ctx.c,
    ctx.applied,
    hostId,
    view,
    ctx.queues.get(hostId),
    ctx.facts[hostId],
  );
  const removed = opts.pending.includes('removed');
  const edges = hostEdges(ctx, hostId, status, removed);
  const serviceName = (e: TopologyEdge) => {
    const svc = ctx.services.find((x) => `svc:${x.id}` === e.source);
    return (svc?.desired ?? svc?.applied)?.name ?? e.source.slice(4);
  };
  const serves = edges.filter((e) => e.kind === 'serves');
  const downs = serves
    .filter((e) => e.state === 'down')
    .map((e) => `${serviceName(e)} ${e.stateText}`);
  const state = removed ? 'removed' : hostNodeState(status, downs.length > 0);
  const stateText = removed
    ? 'removed from the model; still in the cluster until applied'
    : hostStateText(status, view, downs);
  const facts: TopologyFact[] = [
    { label: 'Host', value: ctx.name(hostId) },
    {
      label: 'Address',
      value: view ? `${view.user}@${view.address}:${view.port}` : 'unknown host',
    },
    { label: 'Role', value: opts.role },
    ...opts.facts,
    { label: 'State', value: stateText },
  ];
  if (opts.node) facts.push({ label: 'LB mode', value: status.lbMode });
  if (status.mount !== 'none') facts.push({ label: 'Site storage', value: status.mount });
  for (const e of edges.filter((x) => x.kind === 'serves'))
    facts.push({
      label: `Serves ${e.source.slice(4)}`,
      value: `${e.label ?? ''} · ${e.stateText}`,
    });
  if (opts.pending.length > 0) facts.push({ label: 'Not applied', value: opts.pending.join(', ') });
  const node = makeNode({
    id: `host:${hostId}`,
    kind: opts.kind,
    label: ctx.name(hostId),
    sublabel: opts.sublabel,
    state,
    stateText,
    pending: opts.pending,
    facts,
    hostId,
    host: status,
    rank: opts.rank,
  });
  const edgeTrouble = edges.some((e) => e.pending.length > 0 || !GROUPABLE.has(e.state));
  return { node, edges, alone: !GROUPABLE.has(state) || opts.pending.length > 0 || edgeTrouble };
}

/** The web nodes of the model (and those only the applied model has), each with its edges. */
export function nodeParts(ctx: TopologyContext): HostPart[] {
  const desired = ctx.c.nodes;
  const desiredIds = nodeIndex(ctx.c);
  const appliedIds = ctx.applied ? nodeIndex(ctx.applied) : new Map<string, ClusterNode>();
  const removed = (ctx.applied?.nodes ?? []).filter((a) => !desiredIds.has(a.hostId));
  return [...desired, ...removed].map((n) => {
    const inDesired = desiredIds.get(n.hostId) === n;
    const appliedNode = appliedIds.get(n.hostId);
    const addresses = addressFacts(ctx, n.publicIp, n.privateIp);
    return hostPart(ctx, n.hostId, {
      kind: 'node',
      rank: RANK.node,
      sublabel: factLines(addresses),
      facts: addresses,
      role: 'web node',
      pending: nodePending(inDesired ? n : undefined, appliedNode, ctx.applied),
      node: n,
    });
  });
}
