import { clusterVips } from '../lb/cluster-lb';
import { storageHostId, type Cluster } from '../model/cluster';
import { storageLayout } from '../plan/context';
import { makeEdge, makeNode, topologyContext, type TopologyContext } from './context';
import { groupNodes } from './groups';
import { connectionState } from './host-state';
import { addressFacts, factLines, hostPart, nodeParts, RANK } from './hosts';
import { listenPorts, serviceFacts, serviceSublabel } from './labels';
import { managerPending, presencePending, servicePending, storagePending } from './pending';
import type { TopologyEdge, TopologyGraph, TopologyInput, TopologyNode } from './types';

/**
 * (model, live state) -> graph. Pure and deterministic: the same input gives the same graph,
 * nodes in a fixed order (internet, networks, manager, VIPs, services, nodes, storage), so the
 * layout's model order is stable too. Columns (rank): internet | networks and NAT | manager |
 * VIPs | services | nodes | site storage | external storage host.
 */
export function buildTopology(input: TopologyInput): TopologyGraph {
  const ctx = topologyContext(input);
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  networks(ctx, nodes, edges);
  manager(ctx, nodes, edges);
  vipsAndServices(ctx, nodes, edges);
  const grouped = groupNodes(nodeParts(ctx), input);
  nodes.push(...grouped.nodes);
  edges.push(...grouped.edges);
  storage(ctx, nodes, edges);
  return grouped.groups.length > 0 ? { nodes, edges, groups: grouped.groups } : { nodes, edges };
}

const hasPrivate = (c: Cluster | null) => c !== null && c.layout !== 'public';
const hasPublic = (c: Cluster | null) => c !== null && c.layout !== 'private-nat';

/** Ports and ranges, once each, in numeric order. */
const sortPorts = (ports: string[]): string[] =>
  [...new Set(ports)].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));

/** Every address a model's services listen on, with their ports. */
function vipPorts(c: Cluster | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of c ? clusterVips(c) : []) out.set(v.address, []);
  for (const s of c?.services ?? []) out.set(s.vip, [...(out.get(s.vip) ?? []), ...listenPorts(s)]);
  return out;
}

function networks(ctx: TopologyContext, nodes: TopologyNode[], edges: TopologyEdge[]): void {
  const { c, applied } = ctx;
  const layoutChange =
    applied !== null && applied.layout !== c.layout
      ? [`layout ${applied.layout} -> ${c.layout}`]
      : [];
  const entry = c.layout === 'private-nat' ? 'nat' : 'net:public';
  nodes.push(
    makeNode({
      id: 'internet',
      kind: 'internet',
      label: 'Internet',
      sublabel: ['clients'],
      state: 'ok',
      pending: [],
      facts: [
        {
          label: 'Clients',
          value: 'reach the VIPs through the ' + (entry === 'nat' ? 'NAT' : 'public network'),
        },
      ],
      rank: RANK.internet,
    }),
  );
  edges.push(
    makeEdge({
      id: 'traffic:internet',
      source: 'internet',
      target: entry,
      kind: 'traffic',
      label: null,
      pending: [],
    }),
  );
  if (c.layout === 'private-nat') {
    const ports = sortPorts([...vipPorts(c).values()].flat());
    nodes.push(
      makeNode({
        id: 'nat',
        kind: 'nat',
        label: 'NAT',
        sublabel: [`forwards ${ports.length > 0 ? ports.join(', ') : 'nothing yet'}`],
        state: 'ok',
        pending: layoutChange,
        facts: [{ label: 'Forwarded ports', value: ports.join(', ') || 'none' }],
        rank: RANK.network,
      }),
    );
  }
  if (hasPublic(c))
    nodes.push(
      makeNode({
        id: 'net:public',
        kind: 'network',
        label: 'Public network',
        sublabel: [c.layout === 'public' ? 'sites · quorum · NFS · queue' : 'sites (VIPs)'],
        state: 'ok',
        pending: [...presencePending(true, hasPublic(applied), applied), ...layoutChange],
        facts: [
          {
            label: 'Carries',
            value: c.layout === 'public' ? 'sites, quorum, NFS and queue traffic' : 'sites',
          },
        ],
        rank: RANK.network,
      }),
    );
  if (hasPrivate(c))
    nodes.push(
      makeNode({
        id: 'net:private',
        kind: 'network',
        label: 'Private network',
        sublabel: [
          c.layout === 'private-nat' ? 'sites · quorum · NFS · queue' : 'quorum · NFS · queue',
        ],
        state: 'ok',
        pending: [...presencePending(true, hasPrivate(applied), applied), ...layoutChange],
        facts: [{ label: 'Carries', value: 'quorum, NFS and queue traffic' }],
        rank: RANK.network,
      }),
    );
}

/** The network edges of a host: public and/or private, with its address on each. */
function hostNetworkEdges(
  ctx: TopologyContext,
  hostId: string,
  pub: string,
  priv: string,
  pending: string[],
): TopologyEdge[] {
  const out: TopologyEdge[] = [];
  const { c } = ctx;
  if (hasPublic(c))
    out.push(
      makeEdge({
        id: `net:public:${hostId}`,
        source: 'net:public',
        target: `host:${hostId}`,
        kind: 'network',
        label: pub,
        pending,
      }),
    );
  if (hasPrivate(c))
    out.push(
      makeEdge({
        id: `net:private:${hostId}`,
        source: 'net:private',
        target: `host:${hostId}`,
        kind: 'network',
        label: priv,
        pending,
      }),
    );
  return out;
}

function manager(ctx: TopologyContext, nodes: TopologyNode[], edges: TopologyEdge[]): void {
  const { c } = ctx;
  const m = c.manager;
  const serves = (ctx.servesByHost.get(m.hostId) ?? []).some((r) => r.desiredWeight !== undefined);
  const role = [
    'director',
    ...(serves ? ['real server'] : []),
    ...(c.storage.kind === 'manager' ? ['NFS server'] : []),
  ].join(' · ');
  const addresses = [
    { label: 'Quorum', value: `${m.quorumIp}/${m.quorumPrefix}` },
    ...addressFacts(ctx, m.publicIp, m.privateIp),
  ];
  const part = hostPart(ctx, m.hostId, {
    kind: 'manager',
    rank: RANK.manager,
    sublabel: [role, ...factLines(addresses)],
    role,
    facts: addresses,
    pending: managerPending(c, ctx.applied),
  });
  nodes.push(part.node);
  edges.push(
    ...hostNetworkEdges(
      ctx,
      m.hostId,
      c.layout === 'public' ? `${m.publicIp} · quorum ${m.quorumIp}` : m.publicIp,
      `${c.layout === 'private-nat' ? m.publicIp : (m.privateIp ?? m.publicIp)} · quorum ${m.quorumIp}`,
      [],
    ),
    ...part.edges,
  );
}

function vipsAndServices(ctx: TopologyContext, nodes: TopologyNode[], edges: TopologyEdge[]): void {
  const { c, applied } = ctx;
  const want = vipPorts(c);
  const had = vipPorts(applied);
  const declared = new Map(clusterVips(c).map((v) => [v.address, v]));
  for (const address of [...new Set([...want.keys(), ...had.keys()])]) {
    const pending = presencePending(want.has(address), had.has(address), applied);
    const ports = sortPorts(want.get(address) ?? had.get(address) ?? []);
    const iface = declared.get(address)?.interface;
    nodes.push(
      makeNode({
        id: `vip:${address}`,
        kind: 'vip',
        label: address,
        sublabel: [iface ? `VIP on ${iface}` : 'VIP on the manager'],
        state: pending.includes('removed') ? 'removed' : 'ok',
        stateText: pending.includes('removed') ? 'removed from the model, not applied yet' : '',
        pending,
        facts: [
          { label: 'VIP', value: address },
          { label: 'Interface', value: iface ?? "the public IP's" },
          { label: 'Ports', value: ports.join(', ') || 'none' },
        ],
        rank: RANK.vip,
      }),
    );
    const entry =
      c.layout === 'private-nat'
        ? {
            id: `forward:${address}`,
            source: 'nat',
            kind: 'forward' as const,
            label: ports.join(', ') || null,
          }
        : { id: `traffic:${address}`, source: 'net:public', kind: 'traffic' as const, label: null };
    edges.push(makeEdge({ ...entry, target: `vip:${address}`, pending }));
    edges.push(
      makeEdge({
        id: `holds:${address}`,
        source: `host:${c.manager.hostId}`,
        target: `vip:${address}`,
        kind: 'network',
        label: 'holds',
        pending,
      }),
    );
  }
  for (const svc of ctx.services) {
    const s = svc.desired ?? svc.applied;
    if (s === undefined) continue;
    const pending = servicePending(svc.desired, svc.applied, applied);
    const st = ctx.lb?.services.find((x) => x.serviceId === s.id);
    const rels = ctx.servesBySvc.get(s.id) ?? [];
    const ups = rels.filter((r) => ctx.realServer(s.id, r.hostId)?.state === 'up').length;
    const sorry = st?.realServers.some((r) => r.state === 'sorry') === true;
    const [state, stateText] = pending.includes('removed')
      ? (['removed', 'removed from the model; still served until applied'] as const)
      : pending.includes('new')
        ? (['pending', 'not applied yet'] as const)
        : ctx.lb === null || ctx.lb.error !== null || st === undefined
          ? (['unknown', ctx.lb?.error ?? 'no load-balancer reading'] as const)
          : st.pending || !st.present
            ? (['pending', st.present ? 'changed, not applied yet' : 'not in IPVS yet'] as const)
            : sorry
              ? (['sorry', 'every real server is down: the sorry server answers'] as const)
              : ups === 0 && rels.length > 0
                ? (['down', 'no real server is up'] as const)
                : (['up', `${ups} of ${rels.length} real servers up`] as const);
    const extra =
      st?.realServers.filter((r) => r.state === 'extra').map((r) => `${r.address}:${r.port}`) ?? [];
    nodes.push(
      makeNode({
        id: `svc:${s.id}`,
        kind: 'service',
        label: s.name,
        sublabel: serviceSublabel(s),
        state,
        stateText,
        pending,
        facts: [
          ...serviceFacts(s),
          ...(extra.length > 0 ? [{ label: 'Extra in IPVS', value: extra.join(', ') }] : []),
        ],
        rank: RANK.service,
      }),
    );
    edges.push(
      makeEdge({
        id: `vip:${s.vip}:${s.id}`,
        source: `vip:${s.vip}`,
        target: `svc:${s.id}`,
        kind: 'traffic',
        label: listenPorts(s).join(', '),
        pending: presencePending(svc.desired !== undefined, svc.applied !== undefined, applied),
      }),
    );
  }
}

function storage(ctx: TopologyContext, nodes: TopologyNode[], edges: TopologyEdge[]): void {
  const { c } = ctx;
  const layout = storageLayout(c);
  const hostId = storageHostId(c);
  const conn = connectionState(ctx.views.get(hostId));
  const where = c.storage.kind === 'manager' ? 'on the manager' : `on ${ctx.name(hostId)}`;
  nodes.push(
    makeNode({
      id: 'storage',
      kind: 'storage',
      label: 'Site storage',
      sublabel: [`NFS ${layout.clientMount.source}`, where],
      state: conn === 'connected' ? 'up' : conn,
      stateText: `${ctx.name(hostId)}: ${conn}`,
      pending: storagePending(c, ctx.applied),
      facts: [
        { label: 'Export', value: layout.clientMount.source },
        { label: 'Mounted at', value: layout.clientMount.target },
        { label: 'Homes', value: layout.homeRoot },
        { label: 'Device', value: layout.device ?? 'none (existing filesystem)' },
        { label: 'Host', value: ctx.name(hostId) },
      ],
      rank: RANK.storage,
    }),
  );
  edges.push(
    makeEdge({
      id: `export:${hostId}`,
      source: `host:${hostId}`,
      target: 'storage',
      kind: 'mount',
      label: `exports ${layout.exportPath}`,
      pending: [],
    }),
  );
  if (c.storage.kind !== 'external') return;
  const addresses = [{ label: 'Exports from', value: c.storage.address }];
  const part = hostPart(ctx, hostId, {
    kind: 'storage',
    rank: RANK.storageHost,
    sublabel: ['NFS server', ...factLines(addresses)],
    role: 'NFS server',
    facts: addresses,
    pending:
      ctx.applied?.storage.kind === 'external' && ctx.applied.storage.hostId === hostId
        ? []
        : ['new'],
  });
  nodes.push(part.node);
  const net = hasPrivate(c) ? 'net:private' : 'net:public';
  edges.push(
    ...part.edges,
    makeEdge({
      id: `${net}:${hostId}`,
      source: net,
      target: `host:${hostId}`,
      kind: 'network',
      label: c.storage.address,
      pending: [],
    }),
  );
}
