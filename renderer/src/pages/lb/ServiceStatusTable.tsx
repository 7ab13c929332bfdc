import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { describeDown } from '../../../../shared/lb/keepalived-log';
import type { LbServiceStatus } from '../../../../shared/lb/status';
import { formatBytesPerSec, formatPerSec, weightText } from '../../lib/lb-status';
import { MONO } from '../../theme';
import { RealServerStateChip } from './RealServerStateChip';

/** One service of the live IPVS table: its real servers, weights, connections and rates. */
export function ServiceStatusTable({ service: s }: { service: LbServiceStatus }) {
  return (
    <Box data-testid="status-service" data-service-id={s.serviceId ?? ''} data-key={s.key}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
        <Typography sx={{ fontWeight: 600 }}>{s.name}</Typography>
        <Typography sx={{ fontFamily: MONO, fontSize: 13 }} color="text.secondary">
          {s.label}
        </Typography>
        {s.pending && (
          <Chip
            size="small"
            variant="outlined"
            label="pending apply"
            title="Saved, not applied yet: apply the plan to set it up on the hosts"
            data-testid="status-pending"
          />
        )}
        {!s.present && !s.pending && (
          <Chip
            size="small"
            color="error"
            variant="outlined"
            label="not in IPVS"
            data-testid="status-missing"
          />
        )}
        {s.serviceId === null && (
          <Chip size="small" color="warning" variant="outlined" label="not in the model" />
        )}
        {s.scheduler !== null && <Chip size="small" variant="outlined" label={s.scheduler} />}
        {s.persistenceSec !== null && s.persistenceSec > 0 && (
          <Chip size="small" variant="outlined" label={`persistent ${s.persistenceSec} s`} />
        )}
        {s.rate !== null && (
          <Typography variant="body2" color="text.secondary">
            {formatPerSec(s.rate.conns)} conn/s · in {formatBytesPerSec(s.rate.inBytes)} · out{' '}
            {formatBytesPerSec(s.rate.outBytes)}
          </Typography>
        )}
      </Stack>
      <Table size="small" aria-label={`Real servers of ${s.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>Real server</TableCell>
            <TableCell>State</TableCell>
            <TableCell>keepalived check</TableCell>
            <TableCell>Forward</TableCell>
            <TableCell align="right">Weight live / model</TableCell>
            <TableCell align="right">Active</TableCell>
            <TableCell align="right">Inactive</TableCell>
            <TableCell align="right">Conn/s</TableCell>
            <TableCell align="right">In / out</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {s.realServers.map((r) => {
            const w = weightText(r.weight, r.modelWeight);
            return (
              <TableRow
                key={`${r.address}:${r.port}`}
                data-testid="status-rs"
                data-host-id={r.hostId ?? ''}
                data-state={r.state}
              >
                <TableCell>
                  <Box sx={{ fontWeight: 600 }}>
                    {r.hostName ?? r.address}
                    {r.isManager ? ' (manager)' : ''}
                  </Box>
                  <Box sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary' }}>
                    {r.address}:{r.port}
                  </Box>
                </TableCell>
                <TableCell>
                  <RealServerStateChip state={r.state} />
                  {r.down !== null && (
                    <Typography
                      variant="body2"
                      color="error.dark"
                      sx={{ mt: 0.5 }}
                      data-testid="status-down-reason"
                    >
                      {describeDown(r.down)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell data-testid="status-check">{r.check ?? '—'}</TableCell>
                <TableCell>{r.forward ?? '—'}</TableCell>
                <TableCell
                  align="right"
                  data-testid="status-weight"
                  sx={{ fontFamily: MONO, color: w.differs ? 'warning.dark' : undefined }}
                  title={w.differs ? 'The live weight differs from the model' : undefined}
                >
                  {w.text}
                </TableCell>
                <TableCell align="right" sx={{ fontFamily: MONO }} data-testid="status-active">
                  {r.activeConns}
                </TableCell>
                <TableCell align="right" sx={{ fontFamily: MONO }}>
                  {r.inactiveConns}
                </TableCell>
                <TableCell align="right" sx={{ fontFamily: MONO }}>
                  {r.rate === null ? '—' : formatPerSec(r.rate.conns)}
                </TableCell>
                <TableCell align="right" sx={{ fontFamily: MONO, whiteSpace: 'nowrap' }}>
                  {r.rate === null
                    ? '—'
                    : `${formatBytesPerSec(r.rate.inBytes)} / ${formatBytesPerSec(r.rate.outBytes)}`}
                </TableCell>
              </TableRow>
            );
          })}
          {s.realServers.length === 0 && (
            <TableRow>
              <TableCell colSpan={9}>
                <Typography color="text.secondary" sx={{ textAlign: 'center' }}>
                  No real server.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Box>
  );
}
