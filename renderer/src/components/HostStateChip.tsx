import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { HostView } from '../../../shared/model/host';
import { hostStatusView } from '../lib/host-status';
import { StateChip } from './StateChip';

/**
 * A host's connection state as the admin should read it: its live state, or "needs trust" while
 * its first key waits to be compared and trusted (see hostStatusView).
 */
export function HostStateChip({ host }: { host: HostView }) {
  const { state } = hostStatusView(host);
  if (state !== 'needs-trust') return <StateChip state={state} />;
  return (
    <Tooltip title="The host presented a key not trusted yet: connect to compare its fingerprint and trust it.">
      <Chip
        size="small"
        color="warning"
        variant="outlined"
        label="needs trust"
        data-testid="host-state"
        data-state="needs-trust"
      />
    </Tooltip>
  );
}
