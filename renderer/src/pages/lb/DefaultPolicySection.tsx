import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { lbPolicyOf } from '../../../../shared/lb/cluster-lb';
import { DEFAULT_POLICY } from '../../../../shared/model/lb';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { saveCluster } from '../../flows/cluster-actions';
import { policyLines, policyShort, withLbPolicy } from '../../lib/lb-policy';
import { useUiStore } from '../../stores/ui-store';
import { Writable } from '../../snapshot';
import { PolicyDialog } from './PolicyDialog';

/** The cluster's default policy for new services: shown, edited in a dialog, or reset. */
export function DefaultPolicySection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const showError = useUiStore((s) => s.showError);
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const own = c.lbPolicy !== undefined;

  const confirmReset = async () => {
    setResetting(false);
    const r = await saveCluster(withLbPolicy(c, null));
    if (!r.ok) showError({ context: 'Resetting the default policy', error: r.error });
  };

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      data-testid="lb-policy"
      data-source={own ? 'cluster' : 'default'}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Default policy for new services
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={own ? "this cluster's" : 'built-in default'}
          data-testid="policy-source"
        />
        <Stack direction="row" spacing={1} sx={{ ml: 'auto' }}>
          <Writable>
            <Button
              color="inherit"
              disabled={!own}
              onClick={() => setResetting(true)}
              data-testid="policy-reset"
            >
              Reset to defaults
            </Button>
            <Button onClick={() => setEditing(true)} data-testid="policy-edit">
              Edit
            </Button>
          </Writable>
        </Stack>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        What the add-service wizard starts from; existing services keep their own settings.
      </Typography>
      <Table size="small" aria-label="Default policy" sx={{ maxWidth: 900 }}>
        <TableBody>
          {policyLines(lbPolicyOf(c)).map((l) => (
            <TableRow key={l.key}>
              <TableCell component="th" scope="row" sx={{ width: 220, color: 'text.secondary' }}>
                {l.label}
              </TableCell>
              <TableCell data-testid={`policy-${l.key}`}>{l.value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && <PolicyDialog view={view} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={resetting}
        title="Reset the default policy?"
        confirmLabel="Reset"
        testId="policy-reset-dialog"
        onCancel={() => setResetting(false)}
        onConfirm={() => void confirmReset()}
      >
        <Typography>
          New services start from the built-in defaults again ({policyShort(DEFAULT_POLICY)}).
          Existing services keep their settings.
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
