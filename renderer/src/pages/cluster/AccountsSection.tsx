import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { saveCluster } from '../../flows/cluster-actions';
import { accountPending } from '../../lib/account-form';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { AccountDetails } from './AccountDetails';
import { AddAccountDialog } from './AddAccountDialog';

/** Hosting accounts: one user and group with the same ids on every host, and a quota. */
export function AccountsSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const showError = useUiStore((s) => s.showError);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const confirmDelete = async () => {
    const name = deleting;
    setDeleting(null);
    if (name === null) return;
    const r = await saveCluster({ ...c, accounts: c.accounts.filter((a) => a.name !== name) });
    if (!r.ok) showError({ context: `Deleting account ${name}`, error: r.error });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="cluster-accounts">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Accounts
        </Typography>
        <Writable>
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)} data-testid="account-add">
            Add account
          </Button>
        </Writable>
      </Stack>
      <Table size="small" aria-label="Accounts">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>UID / GID</TableCell>
            <TableCell>Quota</TableCell>
            <TableCell>Domain</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.accounts.map((a) => (
            <TableRow key={a.name} data-testid="account-row" data-account={a.name}>
              <TableCell sx={{ fontWeight: 600, fontFamily: MONO }}>
                {a.name}
                {accountPending(view, a) && (
                  <Chip
                    size="small"
                    color="info"
                    variant="outlined"
                    label="not applied yet"
                    data-testid="account-row-pending"
                    sx={{ ml: 1, fontFamily: 'inherit' }}
                  />
                )}
              </TableCell>
              <TableCell sx={{ fontFamily: MONO }}>
                {a.uid} / {a.gid}
              </TableCell>
              <TableCell>{a.quotaMiB === 0 ? 'no limit' : `${a.quotaMiB} MiB`}</TableCell>
              <TableCell sx={{ fontFamily: MONO }}>
                {a.domain}
                {(a.aliases ?? []).length > 0 && (
                  <Typography variant="body2" color="text.secondary" component="span">
                    {' '}
                    + {(a.aliases ?? []).length} alias{(a.aliases ?? []).length === 1 ? '' : 'es'}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  onClick={() => setOpen(a.name)}
                  aria-label={`Details of ${a.name}`}
                  data-testid="account-open"
                >
                  Details
                </Button>
                <Writable>
                  <Button
                    size="small"
                    color="error"
                    onClick={() => setDeleting(a.name)}
                    data-testid="account-delete"
                  >
                    Delete
                  </Button>
                </Writable>
              </TableCell>
            </TableRow>
          ))}
          {c.accounts.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  No hosting accounts yet.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Deleting an account removes its quota, user and group from the hosts; its home on the shared
        storage is never deleted.
      </Typography>
      <AddAccountDialog open={adding} view={view} onClose={() => setAdding(false)} />
      <AccountDetails view={view} name={open} onClose={() => setOpen(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete account ${deleting ?? ''}?`}
        confirmLabel="Delete"
        danger
        testId="account-delete-dialog"
        onCancel={() => setDeleting(null)}
        onConfirm={() => void confirmDelete()}
      >
        <Typography>
          The account leaves the desired model; the next plan removes its quota, user and group from
          the hosts. Its home folder stays on the shared storage.
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
