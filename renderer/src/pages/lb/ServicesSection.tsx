import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
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
import { clusterVips } from '../../../../shared/lb/cluster-lb';
import { pendingApply } from '../../../../shared/lb/pending-apply';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { saveCluster } from '../../flows/cluster-actions';
import { withoutService } from '../../lib/lb-model';
import { useHostsStore } from '../../stores/hosts-store';
import { useUiStore } from '../../stores/ui-store';
import { Writable } from '../../snapshot';
import { ServiceRow } from './ServiceRow';
import { ServiceWizard } from './service-wizard/ServiceWizard';

/** What the wizard is open for: a new service, or editing one. */
type Editing = { kind: 'new' } | { kind: 'edit'; id: string } | null;

/** The model's LVS services; add through the wizard, edit, remove. Saving changes the model only. */
export function ServicesSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const pending = pendingApply(c, view.applied).services;
  const hosts = useHostsStore((s) => s.hosts);
  const showError = useUiStore((s) => s.showError);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const noVip = clusterVips(c).length === 0;
  const edited = editing?.kind === 'edit' ? c.services.find((s) => s.id === editing.id) : undefined;

  const confirmRemove = async () => {
    const id = removing;
    setRemoving(null);
    if (id === null) return;
    const r = await saveCluster(withoutService(c, id));
    if (!r.ok) showError({ context: `Removing service ${id}`, error: r.error });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="lb-services">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Services
        </Typography>
        <Writable>
          <Button
            startIcon={<AddIcon />}
            disabled={noVip}
            title={noVip ? 'Add a virtual IP first' : undefined}
            onClick={() => setEditing({ kind: 'new' })}
            data-testid="service-add"
          >
            Add service
          </Button>
        </Writable>
      </Stack>
      <Table size="small" aria-label="Services">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Listens on</TableCell>
            <TableCell>Method</TableCell>
            <TableCell>Scheduler</TableCell>
            <TableCell>Persistence</TableCell>
            <TableCell>Check</TableCell>
            <TableCell>Real servers × weight</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.services.map((s) => (
            <ServiceRow
              key={s.id}
              cluster={c}
              service={s}
              pending={pending.has(s.id)}
              hostName={hostName}
              onEdit={() => setEditing({ kind: 'edit', id: s.id })}
              onRemove={() => setRemoving(s.id)}
            />
          ))}
          {c.services.length === 0 && (
            <TableRow>
              <TableCell colSpan={8}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  No load-balanced service yet.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {(editing?.kind === 'new' || edited !== undefined) && (
        <ServiceWizard
          view={view}
          editing={edited ?? null}
          hostName={hostName}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove service ${removing ?? ''}?`}
        confirmLabel="Remove"
        danger
        testId="service-remove-dialog"
        onCancel={() => setRemoving(null)}
        onConfirm={() => void confirmRemove()}
      >
        <Typography>
          The service leaves the desired model; the next plan takes it out of keepalived and undoes
          what it set up on its real servers.
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
