import type {
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
  TopologyNodeKind,
  TopologyTone,
} from '../../../../shared/topology/types';

/**
 * How the page shows the pipeline's graph: colours and words per tone, the text on an edge,
 * search, and the rows of the table view. Pure: the diagram, the table and the export share it.
 */

/**
 * One colour per tone, each at least 4.5:1 against white, so it reads as text and as a border
 * (WCAG AA); every tone also has an icon and the state word, never the colour alone.
 */
export const TONE_COLOR: Record<TopologyTone, string> = {
  ok: '#2e7d32',
  busy: '#1565c0',
  warn: '#a14a00',
  error: '#c62828',
  muted: '#5f6368',
};

/** What each tone means, for the legend. */
export const TONE_MEANING: Record<TopologyTone, string> = {
  ok: 'Healthy: up, connected, idle',
  busy: 'In progress: connecting, reconnecting, queue running or waiting, not applied yet',
  warn: 'Attention: drained, maintenance, extra server, sorry server, mount missing',
  error: 'Failing: down, unreachable, queue halted',
  muted: 'No live state: unknown, not connected, disabled, removed',
};

/** A node kind in words, for the legend and the table. */
export const KIND_LABEL: Record<TopologyNodeKind, string> = {
  internet: 'Internet (clients)',
  network: 'Network',
  nat: 'NAT device',
  vip: 'Virtual IP',
  service: 'Service',
  manager: 'Manager',
  backup: 'Backup manager',
  node: 'Web node',
  storage: 'Storage',
  group: 'Group of nodes',
};

/**
 * What the diagram draws of a node or an edge, as one string: two equal signatures draw the
 * same, so the diagram keeps the object it has (cheaper than comparing whole nodes, whose
 * facts and host status only the side panel reads, from the graph itself).
 */
export function drawnSignature(item: TopologyNode | TopologyEdge): string {
  const own =
    'kind' in item && 'sublabel' in item
      ? [item.kind, item.sublabel.join('\u0001'), item.width, item.height]
      : [item.kind, item.label ?? '', item.source, item.target];
  return [
    item.label,
    item.state,
    item.stateText,
    item.tone,
    item.pending.join('\u0001'),
    ...own,
  ].join('\u0000');
}

/** Whether a node or edge is not applied yet (drawn dashed, with what differs). */
export function isPending(item: TopologyNode | TopologyEdge): boolean {
  return item.pending.length > 0 || item.state === 'pending';
}

/** What differs between the desired and the applied model, as one line (the tooltip). */
export function pendingText(item: TopologyNode | TopologyEdge): string {
  if (item.pending.length > 0) return `Not applied yet: ${item.pending.join('; ')}`;
  return item.state === 'pending' ? 'Not applied yet' : '';
}

/** Serves and mount edges always carry a label: their state in words (and the weight). */
export function hasEdgeLabel(edge: TopologyEdge): boolean {
  return edge.kind === 'serves' || edge.kind === 'mount' || edge.label !== null;
}

/** The text on an edge: its label (a weight, ports) and its state word. */
export function edgeLabelText(edge: TopologyEdge): string {
  const parts = [edge.label];
  if (edge.kind === 'serves' || edge.kind === 'mount' || edge.state !== 'ok')
    parts.push(edge.state);
  return parts.filter((p) => p !== null && p !== '').join(' · ');
}

function nodeText(n: TopologyNode): string {
  return [
    n.id,
    n.label,
    ...n.sublabel,
    n.state,
    n.stateText,
    ...n.pending,
    ...n.facts.map((f) => f.value),
  ].join('\n');
}

/**
 * The ids of the nodes and edges a search matches, or null for an empty search. Every word
 * must occur (case-insensitive) in a node's name, addresses, facts, state or pending text; an
 * edge matches on its own label and state or on the names of its two ends.
 */
export function matchTopology(graph: TopologyGraph, query: string): Set<string> | null {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return null;
  const hit = (text: string) => {
    const t = text.toLowerCase();
    return words.every((w) => t.includes(w));
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  for (const n of graph.nodes) if (hit(nodeText(n))) out.add(n.id);
  for (const e of graph.edges) {
    const ends = [byId.get(e.source)?.label ?? e.source, byId.get(e.target)?.label ?? e.target];
    const own = [e.id, e.label ?? '', e.state, e.stateText, ...e.pending, ...ends].join('\n');
    if (hit(own)) out.add(e.id);
  }
  return out;
}

/** One row of the table view: a node or an edge of the graph. */
export interface TopologyRow {
  id: string;
  /** What it is in words ("Web node", "serves"). */
  type: string;
  name: string;
  detail: string;
  state: string;
  stateText: string;
  tone: TopologyTone;
  /** What differs from the applied model, '' when nothing. */
  pending: string;
}

/** The table view's rows: every node (in the graph's order), then every edge. */
export function topologyRows(graph: TopologyGraph): TopologyRow[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    type: KIND_LABEL[n.kind],
    name: n.label,
    detail: n.sublabel.join(' · '),
    state: n.state,
    stateText: n.stateText,
    tone: n.tone,
    pending: pendingText(n),
  }));
  const edges = graph.edges.map((e) => ({
    id: e.id,
    type: e.kind,
    name: `${byId.get(e.source)?.label ?? e.source} → ${byId.get(e.target)?.label ?? e.target}`,
    detail: e.label ?? '',
    state: e.state,
    stateText: e.stateText,
    tone: e.tone,
    pending: pendingText(e),
  }));
  return [...nodes, ...edges];
}
