import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type {
  CachedPosition,
  PositionCache,
  TopologyGraph,
  TopologyLayout,
  TopologyNode,
} from './types';

/**
 * Where each node of a topology graph is drawn. Pure (no DOM, no Node built-ins): it runs in
 * the renderer's Web Worker and in Node alike, elkjs's bundled build working in-thread.
 *
 * STABILITY is the point. Positions are cached by node id and never recomputed for a node the
 * cache has: a status change (same ids) returns the cache as it was, and adding or removing a
 * node moves nothing else. Only the first layout (an empty cache, or `relayout`) runs elkjs's
 * layered algorithm on the whole graph, left to right by the nodes' ranks; after that, each new
 * node goes into the first free slot of its column below the sibling before it (model order),
 * overlapping nothing.
 */

/** Space between nodes of one column, and between columns. */
export const NODE_GAP = 24;
export const COLUMN_GAP = 96;

const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.partitioning.activate': 'true',
  'elk.separateConnectedComponents': 'false',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': String(NODE_GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(COLUMN_GAP),
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** Lays out a graph, keeping every position `previous` has (see the module comment). */
export async function layoutTopology(
  graph: TopologyGraph,
  previous: PositionCache | null,
  opts: { relayout?: boolean } = {},
): Promise<TopologyLayout> {
  const kept = previous && !opts.relayout ? graph.nodes.filter((n) => previous[n.id]) : [];
  if (kept.length === 0) return fullLayout(graph);
  const positions: PositionCache = {};
  for (const n of kept) {
    const p = previous?.[n.id] as CachedPosition;
    positions[n.id] = { x: p.x, y: p.y, width: n.width, height: n.height };
  }
  const placed: string[] = [];
  for (const [i, n] of graph.nodes.entries()) {
    if (positions[n.id]) continue;
    positions[n.id] = placeNew(graph.nodes, i, positions);
    placed.push(n.id);
  }
  return finish(positions, placed, false);
}

/** A column of more nodes than this goes to elkjs as stacked blocks of this many. */
export const STACK_SIZE = 12;

/**
 * The first layout. elkjs's layered algorithm slows down sharply with hundreds of nodes in one
 * column (seconds for 200 nodes on a small machine), while a column of nodes is only ever a
 * stack in model order: so a column longer than STACK_SIZE goes to elkjs as blocks of
 * STACK_SIZE stacked nodes (the block's edges being its members' edges, once each), and each
 * block is unpacked into its stack afterwards.
 */
async function fullLayout(graph: TopologyGraph): Promise<TopologyLayout> {
  const byRank = new Map<number, TopologyNode[]>();
  for (const n of graph.nodes) byRank.set(n.rank, [...(byRank.get(n.rank) ?? []), n]);
  const blockOf = new Map<string, string>();
  const blocks = new Map<string, TopologyNode[]>();
  for (const [rank, column] of byRank) {
    const size = column.length > STACK_SIZE ? STACK_SIZE : 1;
    for (let i = 0; i < column.length; i += size) {
      const members = column.slice(i, i + size);
      const id = size === 1 ? (members[0] as TopologyNode).id : `stack:${rank}:${i / size}`;
      blocks.set(id, members);
      for (const m of members) blockOf.set(m.id, id);
    }
  }
  const rank = new Map(graph.nodes.map((n) => [n.id, n.rank]));
  const edges = new Map<string, ElkExtendedEdge>();
  for (const e of graph.edges) {
    const s = blockOf.get(e.source);
    const t = blockOf.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    // Left to right by rank: an edge drawn "backwards" (storage -> a node) is laid out forwards.
    const back = (rank.get(e.source) ?? 0) > (rank.get(e.target) ?? 0);
    const [from, to] = back ? [t, s] : [s, t];
    const key = `${from}>${to}`;
    if (!edges.has(key)) edges.set(key, { id: key, sources: [from], targets: [to] });
  }
  // Blocks in model order: a block comes where its first member does.
  const order = [...new Set(graph.nodes.map((n) => blockOf.get(n.id) as string))];
  const root: ElkNode = {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: order.map((id) => {
      const members = blocks.get(id) ?? [];
      return {
        id,
        width: Math.max(...members.map((m) => m.width)),
        height: members.reduce((h, m) => h + m.height, 0) + NODE_GAP * (members.length - 1),
        layoutOptions: { 'elk.partitioning.partition': String(members[0]?.rank ?? 0) },
      };
    }),
    edges: [...edges.values()],
  };
  const out = await new ELK().layout(root);
  const positions: PositionCache = {};
  for (const c of out.children ?? []) {
    let y = Math.round(c.y ?? 0);
    for (const m of blocks.get(c.id) ?? []) {
      positions[m.id] = { x: Math.round(c.x ?? 0), y, width: m.width, height: m.height };
      y += m.height + NODE_GAP;
    }
  }
  return finish(
    positions,
    graph.nodes.map((n) => n.id),
    true,
  );
}

function finish(positions: PositionCache, placed: string[], full: boolean): TopologyLayout {
  let width = 0;
  let height = 0;
  for (const p of Object.values(positions)) {
    width = Math.max(width, p.x + p.width);
    height = Math.max(height, p.y + p.height);
  }
  return { positions, placed, full, width, height };
}

/**
 * A free slot for the new node `nodes[i]`: in the column of its siblings (same rank), below the
 * nearest placed sibling before it in model order (else above the first one after it), moved
 * down past anything it would overlap. A rank with no placed node yet gets a column of its own
 * right of the ranks before it.
 */
function placeNew(nodes: TopologyNode[], i: number, positions: PositionCache): CachedPosition {
  const n = nodes[i] as TopologyNode;
  const placedSibling = (j: number) => {
    const s = nodes[j];
    return s && s.rank === n.rank ? positions[s.id] : undefined;
  };
  let anchor: CachedPosition | undefined;
  let start = 0;
  for (let j = i - 1; j >= 0 && !anchor; j--) anchor = placedSibling(j);
  if (anchor) start = anchor.y + anchor.height + NODE_GAP;
  for (let j = i + 1; j < nodes.length && !anchor; j++) anchor = placedSibling(j);
  if (anchor && start === 0) start = anchor.y;
  const x = anchor ? anchor.x : columnX(nodes, n.rank, positions);
  return { x, y: firstFreeY(x, start, n, positions), width: n.width, height: n.height };
}

/** The x of a new column for a rank: right of every placed node of a lower rank. */
function columnX(nodes: TopologyNode[], rank: number, positions: PositionCache): number {
  let x = 0;
  for (const m of nodes) {
    const p = positions[m.id];
    if (p && m.rank < rank) x = Math.max(x, p.x + p.width + COLUMN_GAP);
  }
  return x;
}

/** The first y at or below `start` where the node overlaps no placed node (gaps kept). */
function firstFreeY(x: number, start: number, n: TopologyNode, positions: PositionCache): number {
  const column = Object.values(positions)
    .filter((p) => p.x < x + n.width + NODE_GAP && p.x + p.width + NODE_GAP > x)
    .sort((a, b) => a.y - b.y);
  let y = start;
  for (let moved = true; moved;) {
    moved = false;
    for (const p of column) {
      if (p.y < y + n.height + NODE_GAP && p.y + p.height + NODE_GAP > y) {
        y = p.y + p.height + NODE_GAP;
        moved = true;
      }
    }
  }
  return y;
}
