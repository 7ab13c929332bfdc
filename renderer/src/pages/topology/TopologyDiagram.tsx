import '@xyflow/react/dist/style.css';
import Box from '@mui/material/Box';
import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PositionCache, TopologyGraph, TopologyNode } from '../../../../shared/topology/types';
import { TopologyEdgeView, type TopoFlowEdge } from './TopologyEdgeView';
import { TopologyNodeView, type TopoFlowNode } from './TopologyNodeView';
import {
  defaultViewport,
  edgeGeometry,
  MIN_DEFAULT_ZOOM,
  type Viewport,
} from './topology-geometry';
import { drawnSignature, TONE_COLOR } from './topology-view';

const NODE_TYPES = { topo: TopologyNodeView };
const EDGE_TYPES = { topo: TopologyEdgeView };
/**
 * Above this many nodes only what is in view is drawn (React Flow's virtualisation): a dense
 * cluster pans smoothly; the table view lists every node.
 */
export const VISIBLE_ONLY_ABOVE = 200;

/** Props of {@link TopologyDiagram}. */
export interface TopologyDiagramProps {
  graph: TopologyGraph;
  positions: PositionCache;
  /** Ids the search matched (highlighted), or null without a search. */
  matches: Set<string> | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * The graph drawn with React Flow at the layout's positions (nothing is dragged: the layout is
 * the picture). It opens at a readable zoom (topology-geometry defaultViewport); zoom and pan
 * are React Flow's. Only nodes already laid out are drawn, so a node never jumps into place.
 */
/** What the opening view spans when the whole graph does not fit: where sites are served. */
const SERVED = new Set<TopologyNode['kind']>(['vip', 'service', 'node', 'group', 'storage']);

export function TopologyDiagram({
  graph,
  positions,
  matches,
  selectedId,
  onSelect,
}: TopologyDiagramProps) {
  const box = useRef<HTMLDivElement>(null);
  const [initial, setInitial] = useState<Viewport | null>(null);
  const focusIds = useMemo(
    () => graph.nodes.filter((n) => n.kind === 'internet' || n.kind === 'vip').map((n) => n.id),
    [graph],
  );
  const spanIds = useMemo(
    () => graph.nodes.filter((n) => SERVED.has(n.kind)).map((n) => n.id),
    [graph],
  );
  useLayoutEffect(() => {
    if (initial !== null || box.current === null) return;
    const { clientWidth: width, clientHeight: height } = box.current;
    setInitial(defaultViewport(positions, focusIds, { width, height }, undefined, spanIds));
  }, [initial, positions, focusIds, spanIds]);

  // The same object for what did not change, so React Flow redraws only what a status change
  // touched (it compares nodes and edges by identity).
  const cache = useRef(new Map<string, { sig: string; item: TopoFlowNode | TopoFlowEdge }>());
  const { nodes, edges } = useMemo(() => {
    const before = cache.current;
    const after = new Map<string, { sig: string; item: TopoFlowNode | TopoFlowEdge }>();
    const keep = <T extends TopoFlowNode | TopoFlowEdge>(
      key: string,
      sig: string,
      make: () => T,
    ) => {
      const old = before.get(key);
      const item = old !== undefined && old.sig === sig ? (old.item as T) : make();
      after.set(key, { sig, item });
      return item;
    };
    const nodes = graph.nodes.flatMap((n) => {
      const p = positions[n.id];
      if (p === undefined) return [];
      const matched = matches?.has(n.id) ?? false;
      const selected = n.id === selectedId;
      const sig = `${drawnSignature(n)} ${p.x},${p.y},${p.width},${p.height} ${matched} ${selected}`;
      return [
        keep<TopoFlowNode>(`n ${n.id}`, sig, () => ({
          id: n.id,
          type: 'topo',
          position: { x: p.x, y: p.y },
          width: p.width,
          height: p.height,
          data: { node: n, matched, selected },
          draggable: false,
          connectable: false,
          ariaLabel: `${n.label}: ${n.stateText || n.state}`,
        })),
      ];
    });
    const edges = graph.edges.flatMap((e) => {
      const s = positions[e.source];
      const t = positions[e.target];
      if (s === undefined || t === undefined) return [];
      const matched = matches?.has(e.id) ?? false;
      const sig = `${drawnSignature(e)} ${s.x},${s.y},${s.width},${s.height} ${t.x},${t.y},${t.width},${t.height} ${matched}`;
      return [
        keep<TopoFlowEdge>(`e ${e.id}`, sig, () => ({
          id: e.id,
          type: 'topo',
          source: e.source,
          target: e.target,
          data: { edge: e, geometry: edgeGeometry(s, t), matched },
          selectable: false,
          focusable: false,
        })),
      ];
    });
    cache.current = after;
    return { nodes, edges };
  }, [graph, positions, matches, selectedId]);
  const onNodeClick: NodeMouseHandler<TopoFlowNode> = (_event, node) => onSelect(node.id);

  return (
    <Box
      ref={box}
      data-testid="topology-diagram"
      sx={{
        height: '70vh',
        minHeight: 420,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: '#fafafa',
      }}
    >
      {initial !== null && (
        <ReactFlow<TopoFlowNode, TopoFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          defaultViewport={initial}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_ABOVE}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onNodeClick={onNodeClick}
          fitViewOptions={{ minZoom: MIN_DEFAULT_ZOOM, padding: 0.05 }}
          aria-label="Cluster topology diagram"
        >
          <Background />
          <Controls showInteractive={false} />
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the whole diagram"
            nodeColor={(n) => TONE_COLOR[(n as TopoFlowNode).data.node.tone]}
          />
        </ReactFlow>
      )}
    </Box>
  );
}
