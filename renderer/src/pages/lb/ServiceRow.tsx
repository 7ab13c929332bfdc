import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { type LbService, serviceLabel } from '../../../../shared/model/lb';
import type { Cluster } from '../../../../shared/model/cluster';
import { checkText, persistenceText, serverEntries } from '../../lib/lb-model';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';

/** Props of {@link ServiceRow}. */
export interface ServiceRowProps {
  cluster: Cluster;
  service: LbService;
  /** Saved but not applied as saved yet (new or changed since the last apply). */
  pending: boolean;
  hostName: (id: string) => string;
  onEdit: () => void;
  onRemove: () => void;
}

/** One LVS service of the model: what it listens on, how it balances and checks, its servers. */
export function ServiceRow({
  cluster,
  service: s,
  pending,
  hostName,
  onEdit,
  onRemove,
}: ServiceRowProps) {
  const servers = serverEntries(cluster, s, hostName);
  return (
    <TableRow data-testid="service-row" data-service-id={s.id}>
      <TableCell>
        <Box sx={{ fontWeight: 600 }} data-testid="service-name">
          {s.name}
        </Box>
        {pending && (
          <Chip
            size="small"
            variant="outlined"
            label="pending apply"
            title="Saved, not applied yet: apply the plan to set it up on the hosts"
            data-testid="service-pending"
            sx={{ my: 0.25 }}
          />
        )}
        <Box sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary', whiteSpace: 'nowrap' }}>
          {s.id}
        </Box>
      </TableCell>
      <TableCell sx={{ fontFamily: MONO }} data-testid="service-label">
        {serviceLabel(s)}
      </TableCell>
      <TableCell data-testid="service-method">{s.method.toUpperCase()}</TableCell>
      <TableCell sx={{ fontFamily: MONO }} data-testid="service-scheduler">
        {s.scheduler}
      </TableCell>
      <TableCell data-testid="service-persistence">{persistenceText(s.persistence)}</TableCell>
      <TableCell data-testid="service-check">{checkText(s.check)}</TableCell>
      <TableCell data-testid="service-servers">
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {servers.map((r) => (
            <Chip
              key={`${r.hostId}:${r.isManager ? 'm' : 'n'}`}
              size="small"
              variant="outlined"
              label={`${r.name} ×${r.weight}`}
              data-testid="service-server"
              data-host-id={r.hostId}
            />
          ))}
          {servers.length === 0 && '—'}
        </Stack>
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <Writable>
          <Button size="small" onClick={onEdit} data-testid="service-edit">
            Edit
          </Button>
          <Button size="small" color="error" onClick={onRemove} data-testid="service-remove">
            Remove
          </Button>
        </Writable>
      </TableCell>
    </TableRow>
  );
}
