import Chip from '@mui/material/Chip';
import type { NodeLbPhase } from '../../lib/lb-status';

const LOOK: Record<
  NodeLbPhase,
  { label: (n: number | null) => string; color: 'success' | 'warning' | 'default' | 'info' }
> = {
  active: { label: () => 'active', color: 'success' },
  'drain-pending': { label: () => 'drain (not applied yet)', color: 'info' },
  draining: {
    label: (n) => `draining · ${n === null ? '?' : n} active connection${n === 1 ? '' : 's'}`,
    color: 'warning',
  },
  drained: { label: () => 'drained', color: 'success' },
  'maintenance-pending': { label: () => 'maintenance (not applied yet)', color: 'info' },
  maintenance: { label: () => 'maintenance', color: 'default' },
  'return-pending': { label: () => 'return to service (not applied yet)', color: 'info' },
};

/** A node's load-balancing phase; while draining, its live active connections. */
export function NodeLbPhaseChip({
  phase,
  activeConns,
}: {
  phase: NodeLbPhase;
  activeConns: number | null;
}) {
  const look = LOOK[phase];
  return (
    <Chip
      size="small"
      label={look.label(activeConns)}
      color={look.color}
      variant={phase === 'drained' ? 'outlined' : 'filled'}
      data-testid="node-lb-phase"
      data-phase={phase}
    />
  );
}
