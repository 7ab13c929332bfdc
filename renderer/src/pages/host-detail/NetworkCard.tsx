import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { DefaultRoute, NetInterface } from '../../../../shared/model/facts';
import { formatCidr } from '../../lib/format';
import { MONO } from '../../theme';
import { FactCard } from './FactCard';

const mono = { fontFamily: MONO, fontSize: 13 } as const;

/** Interfaces with their addresses, and the default routes. */
export function NetworkCard({
  interfaces,
  routes,
}: {
  interfaces: NetInterface[];
  routes: DefaultRoute[];
}) {
  return (
    <FactCard title="Network">
      <Table size="small" data-testid="facts-interfaces" aria-label="Interfaces">
        <TableHead>
          <TableRow>
            <TableCell>Interface</TableCell>
            <TableCell>State</TableCell>
            <TableCell>IPv4</TableCell>
            <TableCell>IPv6</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {interfaces.map((i) => (
            <TableRow key={i.name} data-iface={i.name}>
              <TableCell sx={mono}>
                {i.name}
                {i.mac !== undefined && (
                  <Typography variant="caption" component="div" color="text.secondary" sx={mono}>
                    {i.mac}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{i.state}</TableCell>
              <TableCell sx={mono}>
                {i.ipv4.length === 0
                  ? '—'
                  : i.ipv4.map((a) => <div key={formatCidr(a)}>{formatCidr(a)}</div>)}
              </TableCell>
              <TableCell sx={mono}>
                {i.ipv6.length === 0
                  ? '—'
                  : i.ipv6.map((a) => (
                      <div key={formatCidr(a)}>
                        {formatCidr(a)}
                        {a.scope !== undefined && a.scope !== 'global' ? ` (${a.scope})` : ''}
                      </div>
                    ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ mt: 2 }} data-testid="facts-routes">
        <Typography variant="subtitle2">Default routes</Typography>
        {routes.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            None
          </Typography>
        ) : (
          routes.map((r) => (
            <Typography key={`${r.gateway ?? ''}-${r.dev}`} variant="body2" sx={mono}>
              default{r.gateway !== undefined ? ` via ${r.gateway}` : ''} dev {r.dev}
            </Typography>
          ))
        )}
      </Box>
    </FactCard>
  );
}
