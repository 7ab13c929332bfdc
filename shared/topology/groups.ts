import { makeEdge, makeNode } from './context';
import { RANK, type HostPart } from './hosts';
import { spanLabel } from './labels';
import {
  GROUP_ABOVE,
  GROUP_SIZE,
  type TopologyEdge,
  type TopologyGroup,
  type TopologyNode,
  type TopologyState,
} from './types';

/**
 * Large clusters: above `groupAbove` nodes, the desired nodes are cut into fixed spans of
 * GROUP_SIZE consecutive nodes (model order), and each span's healthy nodes collapse into one
 * node `group:<first hostId of the span>`. Fixed spans keep group ids stable while nodes change
 * state; a node that turns unhealthy leaves its group's node and is drawn on its own, and an
 * expanded span draws all its nodes. Removed nodes (only in the applied model) are always alone.
 */

/** Group states, most telling first (members are healthy: no down, halted, drained...). */
const GROUP_STATE_ORDER: TopologyState[] = [
  'reconnecting',
  'connecting',
  'running',
  'waiting',
  'disconnected',
  'unknown',
  'up',
];

/** "22 up · 2 down" in the order of the first state seen. */
export function countsText(counts: Partial<Record<TopologyState, number>>): string {
  return Object.entries(counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(' · ');
}

function groupPart(
  id: string,
  span: HostPart[],
  members: HostPart[],
): { node: TopologyNode; edges: TopologyEdge[] } {
  const counts: Partial<Record<TopologyState, number>> = {};
  for (const p of span) counts[p.node.state] = (counts[p.node.state] ?? 0) + 1;
  const first = span[0]?.node.label ?? '';
  const last = span[span.length - 1]?.node.label ?? '';
  const states = new Set(members.map((m) => m.node.state));
  const state = GROUP_STATE_ORDER.find((s) => states.has(s)) ?? 'unknown';
  const apart = span.filter((p) => !members.includes(p));
  const edges: TopologyEdge[] = [];
  // One edge per service any member serves, and one mount edge, standing for the members'.
  const byId = new Map<string, TopologyEdge[]>();
  for (const m of members)
    for (const e of m.edges) {
      const key = e.kind === 'mount' ? 'mount' : e.source;
      byId.set(key, [...(byId.get(key) ?? []), e]);
    }
  for (const [key, list] of byId) {
    const edgeStates: Partial<Record<TopologyState, number>> = {};
    for (const e of list) edgeStates[e.state] = (edgeStates[e.state] ?? 0) + 1;
    const common = Object.entries(edgeStates).sort((a, b) => b[1] - a[1])[0]?.[0] as TopologyState;
    const weights = list.map((e) => Number(/weight (\d+)/.exec(e.label ?? '')?.[1] ?? 0));
    const lo = Math.min(...weights);
    const hi = Math.max(...weights);
    edges.push(
      makeEdge({
        id: key === 'mount' ? `mount:${id}` : `serves:${key.slice(4)}:${id}`,
        source: key === 'mount' ? 'storage' : key,
        target: id,
        kind: key === 'mount' ? 'mount' : 'serves',
        label: key === 'mount' ? null : `${list.length} × weight ${lo === hi ? lo : `${lo}–${hi}`}`,
        pending: [],
        state: common,
        stateText: countsText(edgeStates),
      }),
    );
  }
  const text = countsText(counts);
  const node = makeNode({
    id,
    kind: 'group',
    label: `${spanLabel(first, last)}: ${text}`,
    sublabel: [`${members.length} of ${span.length} nodes in the group`],
    state,
    stateText:
      apart.length === 0
        ? text
        : `${text} (apart: ${apart.map((p) => `${p.node.label} ${p.node.state}`).join(', ')})`,
    pending: [],
    facts: [
      { label: 'Nodes', value: spanLabel(first, last) },
      { label: 'In the group', value: String(members.length) },
      ...Object.entries(counts).map(([s, n]) => ({ label: s, value: String(n) })),
    ],
    group: {
      hostIds: span.map((p) => p.node.hostId ?? ''),
      memberIds: members.map((p) => p.node.hostId ?? ''),
      counts,
    },
    rank: RANK.node,
  });
  return { node, edges };
}

/** The nodes and edges of the web nodes, grouped when there are many. */
export function groupNodes(
  parts: HostPart[],
  opts: { groupAbove?: number; expanded?: string[] },
): { nodes: TopologyNode[]; edges: TopologyEdge[]; groups: TopologyGroup[] } {
  const desired = parts.filter((p) => !p.node.pending.includes('removed'));
  const removed = parts.filter((p) => p.node.pending.includes('removed'));
  const out = {
    nodes: [] as TopologyNode[],
    edges: [] as TopologyEdge[],
    groups: [] as TopologyGroup[],
  };
  const alone = (p: HostPart) => {
    out.nodes.push(p.node);
    out.edges.push(...p.edges);
  };
  if (desired.length <= (opts.groupAbove ?? GROUP_ABOVE)) {
    parts.forEach(alone);
    return out;
  }
  const expanded = new Set(opts.expanded ?? []);
  for (let i = 0; i < desired.length; i += GROUP_SIZE) {
    const span = desired.slice(i, i + GROUP_SIZE);
    const id = `group:${span[0]?.node.hostId ?? ''}`;
    const members = span.filter((p) => !p.alone);
    const open = expanded.has(id);
    const label = spanLabel(span[0]?.node.label ?? '', span[span.length - 1]?.node.label ?? '');
    if (open || members.length >= 2)
      out.groups.push({ id, label, hostIds: span.map((p) => p.node.hostId ?? ''), expanded: open });
    if (open || members.length < 2) {
      span.forEach(alone);
      continue;
    }
    const g = groupPart(id, span, members);
    out.nodes.push(g.node);
    out.edges.push(...g.edges);
    span.filter((p) => p.alone).forEach(alone);
  }
  removed.forEach(alone);
  return out;
}
