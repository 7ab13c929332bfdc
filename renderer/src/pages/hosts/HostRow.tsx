import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { MouseEvent } from 'react';
import type { HostView } from '../../../../shared/model/host';
import { HostStateChip } from '../../components/HostStateChip';
import type { HostActivity } from '../../flows/connect-flow';
import { formatAuth, formatEndpoint } from '../../lib/format';
import { hostStatusView } from '../../lib/host-status';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { HostLbHealthOfHost } from '../lb/HostLbHealth';

/** Props of {@link HostRow}. */
export interface HostRowProps {
  host: HostView;
  activity: HostActivity | undefined;
  onOpen: (hostId: string) => void;
  onConnect: (hostId: string) => void;
  onDisconnect: (hostId: string) => void;
  onProbe: (hostId: string) => void;
  onRemove: (hostId: string) => void;
}

/** One host of the hosts table; clicking the row opens the host. */
export function HostRow({
  host,
  activity,
  onOpen,
  onConnect,
  onDisconnect,
  onProbe,
  onRemove,
}: HostRowProps) {
  const stop = (fn: (id: string) => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn(host.id);
  };
  const busy = activity !== undefined;
  const status = hostStatusView(host);
  return (
    <TableRow
      hover
      data-testid="host-row"
      data-host-name={host.name}
      data-host-id={host.id}
      onClick={() => onOpen(host.id)}
      sx={{ cursor: 'pointer' }}
    >
      <TableCell>
        <Link
          component="button"
          type="button"
          data-testid="host-open"
          onClick={stop(onOpen)}
          underline="hover"
          sx={{ fontWeight: 600 }}
        >
          {host.name}
        </Link>
      </TableCell>
      <TableCell sx={{ fontFamily: MONO }}>{formatEndpoint(host.address, host.port)}</TableCell>
      <TableCell>{host.user}</TableCell>
      {/* A long key path wraps instead of pushing the columns out of the table. */}
      <TableCell sx={{ overflowWrap: 'anywhere' }}>
        {formatAuth(host.auth)}
        {host.hasStoredSecret ? ' (stored)' : ''}
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <HostStateChip host={host} />
          {busy && (
            <Box
              component="span"
              sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
              data-testid="host-activity"
            >
              <CircularProgress size={14} aria-hidden />
              <span>{activity}…</span>
            </Box>
          )}
        </Stack>
        <HostLbHealthOfHost hostId={host.id} />
      </TableCell>
      <TableCell>
        {status.error !== null && (
          <Tooltip title={status.error.message}>
            <Box
              component="code"
              data-testid="host-last-error"
              sx={{ fontFamily: MONO, color: 'error.main' }}
            >
              {status.error.code}
            </Box>
          </Tooltip>
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <Writable>
          {status.action === 'disconnect' ? (
            <Button
              size="small"
              data-testid="host-disconnect"
              disabled={busy}
              onClick={stop(onDisconnect)}
            >
              Disconnect
            </Button>
          ) : (
            <Button
              size="small"
              data-testid="host-connect"
              disabled={busy}
              onClick={stop(onConnect)}
            >
              Connect
            </Button>
          )}
          <Button size="small" data-testid="host-probe" disabled={busy} onClick={stop(onProbe)}>
            Probe
          </Button>
          <Button
            size="small"
            color="error"
            data-testid="host-remove"
            disabled={busy}
            onClick={stop(onRemove)}
          >
            Remove
          </Button>
        </Writable>
      </TableCell>
    </TableRow>
  );
}
