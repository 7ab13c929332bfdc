import '@xyflow/react/dist/style.css';
import Box from '@mui/material/Box';
import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PositionCache, TopologyGraph } from '../../../../shared/topology/types';
import { TopologyEdgeView, type TopoFlowEdge } from './TopologyEdgeView';
import { TopologyNodeView, type TopoFlowNode } from './TopologyNodeView';
import {
  defaultViewport,
  edgeGeometry,
  MIN_DEFAULT_ZOOM,
  type Viewport,
} from './topology-geometry';
import { TONE_COLOR } from './topology-view';

const NODE_TYPES = { topo: TopologyNodeView };
const EDGE_TYPES = { topo: TopologyEdgeView };

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
  useLayoutEffect(() => {
    if (initial !== null || box.current === null) return;
    const { clientWidth: width, clientHeight: height } = box.current;
    setInitial(defaultViewport(positions, focusIds, { width, height }));
  }, [initial, positions, focusIds]);

  const nodes = useMemo<TopoFlowNode[]>(
    () =>
      graph.nodes.flatMap((n) => {
        const p = positions[n.id];
        if (p === undefined) return [];
        return [
          {
            id: n.id,
            type: 'topo' as const,
            position: { x: p.x, y: p.y },
            width: p.width,
            height: p.height,
            data: {
              node: n,
              matched: matches?.has(n.id) ?? false,
              selected: n.id === selectedId,
            },
            draggable: false,
            connectable: false,
            ariaLabel: `${n.label}: ${n.stateText || n.state}`,
          },
        ];
      }),
    [graph, positions, matches, selectedId],
  );
  const edges = useMemo<TopoFlowEdge[]>(
    () =>
      graph.edges.flatMap((e) => {
        const s = positions[e.source];
        const t = positions[e.target];
        if (s === undefined || t === undefined) return [];
        return [
          {
            id: e.id,
            type: 'topo' as const,
            source: e.source,
            target: e.target,
            data: { edge: e, geometry: edgeGeometry(s, t), matched: matches?.has(e.id) ?? false },
            selectable: false,
            focusable: false,
          },
        ];
      }),
    [graph, positions, matches],
  );
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
