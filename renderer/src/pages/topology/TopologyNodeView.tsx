import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_LINE_HEIGHT } from '../../../../shared/topology/structure';
import type { TopologyNode } from '../../../../shared/topology/types';
import { MONO } from '../../theme';
import { KIND_ICON, TONE_ICON } from './topology-icons';
import { TITLE_ROW } from './topology-svg';
import { isPending, KIND_LABEL, pendingText, TONE_COLOR } from './topology-view';

/** What a drawn node carries: the graph's node and how the page marks it. */
export type TopoNodeData = { node: TopologyNode; matched: boolean; selected: boolean };
export type TopoFlowNode = Node<TopoNodeData, 'topo'>;

/** Invisible handles: edges are drawn from the layout's positions (topology-geometry). */
const HANDLE_STYLE = { opacity: 0, pointerEvents: 'none' as const };

/**
 * One node of the diagram at exactly the size the layout gave it: the kind's icon, the name,
 * the state's icon and word in its tone's colour, and the sublabel lines. Not applied yet:
 * a dashed border, with what differs in its tooltip.
 */
export const TopologyNodeView = memo(function TopologyNodeView({ data }: NodeProps<TopoFlowNode>) {
  const { node, matched, selected } = data;
  const colour = TONE_COLOR[node.tone];
  const KindIcon = KIND_ICON[node.kind];
  const ToneIcon = TONE_ICON[node.tone];
  const tip = [KIND_LABEL[node.kind], node.stateText, pendingText(node)]
    .filter((t) => t !== '')
    .join(' — ');
  return (
    <div
      data-testid={`topo-node-${node.id}`}
      data-state={node.state}
      data-kind={node.kind}
      data-matched={matched ? 'true' : undefined}
      title={tip}
      style={{
        width: node.width,
        height: node.height,
        boxSizing: 'border-box',
        background: '#ffffff',
        border: `2px ${isPending(node) ? 'dashed' : 'solid'} ${colour}`,
        borderRadius: 6,
        boxShadow: matched
          ? '0 0 0 4px #ffd54f'
          : selected
            ? '0 0 0 3px #1565c0'
            : '0 1px 2px rgba(0,0,0,0.15)',
        cursor: 'pointer',
        overflow: 'hidden',
        color: '#1f1f1f',
      }}
    >
      <Handle type="target" position={Position.Left} style={HANDLE_STYLE} isConnectable={false} />
      <div
        style={{
          height: TITLE_ROW,
          display: 'flex',
          alignItems: 'center',
          gap: 6,
          padding: '0 6px 0 8px',
        }}
      >
        <KindIcon sx={{ fontSize: 18, color: '#444444', flexShrink: 0 }} aria-hidden />
        <span
          style={{
            fontWeight: 700,
            fontSize: 13,
            flex: 1,
            minWidth: 0,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {node.label}
        </span>
        <span
          style={{ display: 'flex', alignItems: 'center', gap: 2, fontSize: 11, color: colour }}
          data-testid="topo-node-state"
        >
          <ToneIcon sx={{ fontSize: 14 }} aria-hidden />
          {node.state}
        </span>
      </div>
      {node.sublabel.map((line, i) => (
        <div
          key={i}
          style={{
            height: NODE_LINE_HEIGHT,
            lineHeight: `${NODE_LINE_HEIGHT}px`,
            padding: '0 8px',
            fontSize: 11,
            fontFamily: MONO,
            color: '#444444',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {line}
        </div>
      ))}
      <Handle type="source" position={Position.Right} style={HANDLE_STYLE} isConnectable={false} />
    </div>
  );
});
