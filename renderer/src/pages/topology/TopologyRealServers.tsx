import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RealServerStateChip } from '../lb/RealServerStateChip';
import type { PanelRealServer } from './topology-panel-data';

/** The real servers of lb:status that concern the panel's node. */
export function TopologyRealServers({ rows }: { rows: PanelRealServer[] }) {
  return (
    <>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Real servers (live)
      </Typography>
      <Table size="small" aria-label="Real servers" data-testid="topology-panel-servers">
        <TableHead>
          <TableRow>
            <TableCell>Service / server</TableCell>
            <TableCell>State</TableCell>
            <TableCell align="right">Weight</TableCell>
            <TableCell align="right">Conns</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key} data-testid="topology-panel-server" data-state={r.state}>
              <TableCell>
                {r.service}
                <br />
                {r.server}
                {r.reason !== '' && (
                  <Typography variant="caption" component="div" color="error">
                    {r.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <RealServerStateChip state={r.state} />
                {r.check !== '' && (
                  <Typography variant="caption" component="div">
                    check: {r.check}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{r.weight}</TableCell>
              <TableCell align="right">{r.activeConns}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
