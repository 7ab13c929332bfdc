import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TopologyEdge } from '../../../../shared/topology/types';
import type { EdgeGeometry } from './topology-geometry';
import { edgeLabelText, hasEdgeLabel, isPending, pendingText, TONE_COLOR } from './topology-view';

/** What a drawn edge carries: the graph's edge and its curve from the layout's positions. */
export type TopoEdgeData = { edge: TopologyEdge; geometry: EdgeGeometry; matched: boolean };
export type TopoFlowEdge = Edge<TopoEdgeData, 'topo'>;

/**
 * One edge: a curve in its tone's colour, dashed when not applied yet; serves and mount edges
 * carry a label with the weight and the state word (and what differs, in its tooltip).
 */
export const TopologyEdgeView = memo(function TopologyEdgeView({ data }: EdgeProps<TopoFlowEdge>) {
  if (data === undefined) return null;
  const { edge, geometry, matched } = data;
  const colour = TONE_COLOR[edge.tone];
  const pending = isPending(edge);
  const text = hasEdgeLabel(edge) ? edgeLabelText(edge) : '';
  const tip = [edge.stateText, pendingText(edge)].filter((t) => t !== '').join(' — ');
  return (
    <>
      <BaseEdge
        path={geometry.path}
        style={{
          stroke: colour,
          strokeWidth: matched ? 3 : 1.5,
          strokeDasharray: pending ? '6 4' : undefined,
        }}
      />
      {text !== '' && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan"
            data-testid={`topo-edge-${edge.id}`}
            data-state={edge.state}
            title={tip}
            style={{
              position: 'absolute',
              transform: `translate(-50%, -50%) translate(${geometry.labelX}px, ${geometry.labelY}px)`,
              background: '#ffffff',
              border: `1px ${pending ? 'dashed' : 'solid'} ${colour}`,
              boxShadow: matched ? '0 0 0 3px #ffd54f' : undefined,
              borderRadius: 4,
              padding: '0 4px',
              fontSize: 11,
              lineHeight: '16px',
              color: colour,
              whiteSpace: 'nowrap',
              pointerEvents: 'all',
            }}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
