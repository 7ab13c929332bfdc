import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { DiskFact } from '../../../../shared/model/facts';
import { formatBytes } from '../../lib/format';
import { MONO } from '../../theme';
import { FactCard } from './FactCard';

/** Free space of the paths a cluster node needs (/, /home, /chroot). */
export function DisksCard({ disks }: { disks: DiskFact[] }) {
  return (
    <FactCard title="Disks">
      <Table size="small" data-testid="facts-disks" aria-label="Disks">
        <TableHead>
          <TableRow>
            <TableCell>Path</TableCell>
            <TableCell>Filesystem</TableCell>
            <TableCell align="right">Free</TableCell>
            <TableCell align="right">Size</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {disks.map((d) => (
            <TableRow key={d.path} data-path={d.path} data-exists={String(d.exists)}>
              <TableCell sx={{ fontFamily: MONO }}>{d.path}</TableCell>
              {d.exists ? (
                <>
                  <TableCell>
                    {d.mount !== undefined && d.mount !== d.path ? `on ${d.mount}` : ''}{' '}
                    {d.fsType ?? ''}
                  </TableCell>
                  <TableCell align="right">{formatBytes(d.availBytes)}</TableCell>
                  <TableCell align="right">{formatBytes(d.sizeBytes)}</TableCell>
                </>
              ) : (
                <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                  does not exist
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </FactCard>
  );
}
