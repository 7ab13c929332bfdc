import type { TopologyGraph, TopologyNodeKind } from './types';

/**
 * The node size rule, shared by the graph (which stores each node's size), the layout and the
 * UI (which draws exactly these sizes): a width per kind, and a height of one title line plus
 * one line per sublabel line.
 */
export const NODE_WIDTH: Record<TopologyNodeKind, number> = {
  internet: 140,
  network: 200,
  nat: 200,
  vip: 180,
  service: 240,
  manager: 240,
  backup: 240,
  node: 200,
  storage: 240,
  group: 240,
};
/** Height of the title line, with the node's padding. */
export const NODE_TITLE_HEIGHT = 36;
/** Height of each sublabel line. */
export const NODE_LINE_HEIGHT = 16;

/** The drawn size of a node of a kind with that many sublabel lines. */
export function nodeSize(
  kind: TopologyNodeKind,
  sublabelLines: number,
): { width: number; height: number } {
  return { width: NODE_WIDTH[kind], height: NODE_TITLE_HEIGHT + NODE_LINE_HEIGHT * sublabelLines };
}

/**
 * The graph's structure as one string: its sorted node ids with sizes and its sorted edge ids
 * (with their ends). Two graphs with the same key lay out the same, so the UI lays out again
 * only when the key changes, never on a status change (states, texts, pending marks).
 */
export function structureKey(graph: TopologyGraph): string {
  const nodes = graph.nodes.map((n) => `${n.id}@${n.width}x${n.height}`).sort();
  const edges = graph.edges.map((e) => `${e.id}=${e.source}>${e.target}`).sort();
  return `${nodes.join('\n')}\n--\n${edges.join('\n')}`;
}
