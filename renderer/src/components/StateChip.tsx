import Chip, { type ChipProps } from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import type { ConnectionState } from '../../../shared/model/host';

const COLOR: Record<ConnectionState, ChipProps['color']> = {
  connected: 'success',
  connecting: 'info',
  reconnecting: 'warning',
  error: 'error',
  disconnected: 'default',
};

/** The live connection state of a host; its text is exactly the state word. */
export function StateChip({ state }: { state: ConnectionState }) {
  const moving = state === 'connecting' || state === 'reconnecting';
  return (
    <Chip
      size="small"
      data-testid="host-state"
      data-state={state}
      color={COLOR[state]}
      variant={state === 'disconnected' ? 'outlined' : 'filled'}
      label={state}
      {...(moving ? { icon: <CircularProgress size={12} color="inherit" aria-hidden /> } : {})}
    />
  );
}
