import type {
  PositionCache,
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
} from '../../../../../shared/topology/types';

/** A graph node for tests, with the fields the page reads (the pipeline fills them for real). */
export function testNode(id: string, patch: Partial<TopologyNode> = {}): TopologyNode {
  return {
    id,
    kind: 'node',
    label: id,
    sublabel: [],
    state: 'ok',
    stateText: '',
    tone: 'ok',
    pending: [],
    facts: [],
    rank: 0,
    width: 200,
    height: 36,
    ...patch,
  };
}

/** A graph edge for tests. */
export function testEdge(
  id: string,
  source: string,
  target: string,
  patch: Partial<TopologyEdge> = {},
): TopologyEdge {
  return {
    id,
    source,
    target,
    kind: 'traffic',
    label: null,
    state: 'ok',
    stateText: '',
    tone: 'ok',
    pending: [],
    ...patch,
  };
}

/** Internet -> VIP -> service -> node1 (serves at weight 2, down) and storage -> node1. */
export function testGraph(): TopologyGraph {
  return {
    nodes: [
      testNode('internet', { kind: 'internet', label: 'Internet', rank: 0, width: 140 }),
      testNode('vip:10.10.0.100', { kind: 'vip', label: '10.10.0.100', rank: 1 }),
      testNode('svc:http-80', { kind: 'service', label: 'HTTP', sublabel: ['port 80'], rank: 2 }),
      testNode('host:n1', {
        label: 'node1',
        sublabel: ['public 10.10.0.11'],
        state: 'connected',
        stateText: 'connected · queue idle',
        hostId: 'n1',
        rank: 3,
        pending: ['mode active -> drain'],
      }),
      testNode('storage', { kind: 'storage', label: 'Storage', rank: 4 }),
    ],
    edges: [
      testEdge('traffic:internet', 'internet', 'vip:10.10.0.100'),
      testEdge('vip:10.10.0.100:http-80', 'vip:10.10.0.100', 'svc:http-80'),
      testEdge('serves:http-80:n1', 'svc:http-80', 'host:n1', {
        kind: 'serves',
        label: 'weight 2',
        state: 'down',
        tone: 'error',
        stateText: 'down: connection refused',
      }),
      testEdge('mount:n1', 'storage', 'host:n1', {
        kind: 'mount',
        state: 'unknown',
        tone: 'muted',
      }),
    ],
  };
}

/** Positions of {@link testGraph}: a column per rank, 300 apart. */
export function testPositions(graph: TopologyGraph): PositionCache {
  return Object.fromEntries(
    graph.nodes.map((n) => [n.id, { x: n.rank * 300, y: 0, width: n.width, height: n.height }]),
  );
}
