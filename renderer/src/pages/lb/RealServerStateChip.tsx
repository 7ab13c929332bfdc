import Chip from '@mui/material/Chip';
import type { RealServerState } from '../../../../shared/lb/status';
import { STATE_LOOK } from '../../lib/lb-status';

/** A real server's state as the manager sees it; its text is the state word ("pending apply"). */
export function RealServerStateChip({ state }: { state: RealServerState }) {
  // A state a newer engine added must not take the page down.
  const look = STATE_LOOK[state] ?? STATE_LOOK.unknown;
  return (
    <Chip
      size="small"
      label={state === 'pending' ? 'pending apply' : state}
      color={look.color}
      variant={look.variant}
      data-testid="rs-state"
      data-state={state}
    />
  );
}
