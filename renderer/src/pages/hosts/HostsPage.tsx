import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConnectFlow } from '../../flows/connect-flow';
import { disconnectHost, removeHost } from '../../flows/host-actions';
import { useConnectionStore } from '../../stores/connection-store';
import { useHostsStore } from '../../stores/hosts-store';
import { useUiStore } from '../../stores/ui-store';
import { Writable } from '../../snapshot';
import { AddHostDialog } from './AddHostDialog';
import { HostRow } from './HostRow';

/** The list of hosts with add, connect, probe and remove. */
export function HostsPage() {
  const hosts = useHostsStore((s) => s.hosts);
  const hydrated = useHostsStore((s) => s.hydrated);
  const listError = useHostsStore((s) => s.error);
  const refresh = useHostsStore((s) => s.refresh);
  const busy = useConnectFlow((s) => s.busy);
  const connect = useConnectFlow((s) => s.connect);
  const probe = useConnectFlow((s) => s.probe);
  const openHost = useUiStore((s) => s.openHost);
  const addHostOpen = useUiStore((s) => s.addHostOpen);
  const setAddHostOpen = useUiStore((s) => s.setAddHostOpen);
  const removeHostId = useUiStore((s) => s.removeHostId);
  const askRemove = useUiStore((s) => s.askRemove);
  const linkUp = useConnectionStore((s) => s.status === 'connected');
  const [removing, setRemoving] = useState(false);

  const toRemove = hosts.find((h) => h.id === removeHostId);

  const confirmRemove = async () => {
    if (toRemove === undefined) return;
    setRemoving(true);
    await removeHost(toRemove.id);
    setRemoving(false);
    askRemove(null);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          Hosts
        </Typography>
        <Writable>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            data-testid="add-host-button"
            onClick={() => setAddHostOpen(true)}
          >
            Add host
          </Button>
        </Writable>
      </Stack>
      {/* While the link is down the banner says why fetches fail; one message is enough. */}
      {listError !== null && linkUp && (
        <ErrorAlert
          error={listError}
          title="Loading the hosts"
          action={
            <Button color="inherit" size="small" onClick={() => void refresh()}>
              Retry
            </Button>
          }
        />
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Hosts">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Address</TableCell>
              <TableCell>User</TableCell>
              <TableCell>Authentication</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Last error</TableCell>
              <TableCell align="right">Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {hosts.map((h) => (
              <HostRow
                key={h.id}
                host={h}
                activity={busy[h.id]}
                onOpen={openHost}
                onConnect={(id) => void connect(id)}
                onDisconnect={(id) => void disconnectHost(id)}
                onProbe={(id) => void probe(id, { open: true })}
                onRemove={askRemove}
              />
            ))}
            {hydrated && hosts.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} data-testid="hosts-empty">
                  <Typography color="text.secondary" sx={{ py: 2, textAlign: 'center' }}>
                    No hosts yet. Add the servers that will form the cluster.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <AddHostDialog open={addHostOpen} onClose={() => setAddHostOpen(false)} />
      <ConfirmDialog
        open={toRemove !== undefined}
        title={`Remove ${toRemove?.name ?? 'host'}?`}
        confirmLabel="Remove"
        danger
        busy={removing}
        testId="remove-dialog"
        onCancel={() => askRemove(null)}
        onConfirm={() => void confirmRemove()}
      >
        <Typography>
          The host is removed from ClusterDeck with what ClusterDeck knows about it. Nothing is run
          on the server.
        </Typography>
      </ConfirmDialog>
    </Stack>
  );
}
