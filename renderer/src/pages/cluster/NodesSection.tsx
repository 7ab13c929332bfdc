import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { StateChip } from '../../components/StateChip';
import { saveCluster } from '../../flows/cluster-actions';
import { useHostsStore } from '../../stores/hosts-store';
import { useQueueStore } from '../../stores/queue-store';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable, useReadOnly } from '../../snapshot';
import { HostLbHealth, LbStatusPolling } from '../lb/HostLbHealth';
import { AddNodeDialog } from './AddNodeDialog';
import { NodeRemoveDialogs, type NodeRemoval } from './NodeRemoveDialogs';

/**
 * The cluster's web nodes: addresses, enabled, connection, load-balancing health (a node whose
 * check fails is down, with keepalived's reason) and queue; add and remove.
 */
export function NodesSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const hosts = useHostsStore((s) => s.hosts);
  const queues = useQueueStore((s) => s.byHost);
  const showError = useUiStore((s) => s.showError);
  const [adding, setAdding] = useState(false);
  const [removal, setRemoval] = useState<NodeRemoval | null>(null);
  const withPrivate = c.layout !== 'public';
  const readOnly = useReadOnly();

  const setEnabled = async (hostId: string, enabled: boolean) => {
    const nodes = c.nodes.map((n) => (n.hostId === hostId ? { ...n, enabled } : n));
    const r = await saveCluster({ ...c, nodes });
    if (!r.ok)
      showError({ context: enabled ? 'Enabling the node' : 'Disabling the node', error: r.error });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="cluster-nodes">
      {/* The live status, so a node whose check fails shows down with keepalived's reason. */}
      {c.services.length > 0 && view.applied !== null && <LbStatusPolling clusterId={c.id} />}
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Nodes
        </Typography>
        <Writable>
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)} data-testid="node-add">
            Add node
          </Button>
        </Writable>
      </Stack>
      <Table size="small" aria-label="Nodes">
        <TableHead>
          <TableRow>
            <TableCell>Host</TableCell>
            <TableCell>Public IP</TableCell>
            {withPrivate && <TableCell>Private IP</TableCell>}
            <TableCell>Enabled</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Queue</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.nodes.map((n) => {
            const host = hosts.find((h) => h.id === n.hostId);
            const q = queues[n.hostId];
            const reachable = host?.state === 'connected';
            return (
              <TableRow key={n.hostId} data-testid="node-row" data-host-id={n.hostId}>
                <TableCell sx={{ fontWeight: 600 }}>{host?.name ?? n.hostId}</TableCell>
                <TableCell sx={{ fontFamily: MONO }}>{n.publicIp}</TableCell>
                {withPrivate && (
                  <TableCell sx={{ fontFamily: MONO }}>{n.privateIp ?? '—'}</TableCell>
                )}
                <TableCell>
                  <Switch
                    size="small"
                    checked={n.enabled}
                    disabled={readOnly}
                    onChange={(_e, on) => void setEnabled(n.hostId, on)}
                    slotProps={{ input: { 'aria-label': 'enabled' } }}
                    data-testid="node-enabled"
                  />
                </TableCell>
                <TableCell>
                  {host ? <StateChip state={host.state} /> : 'unknown host'}
                  <HostLbHealth clusterId={c.id} hostId={n.hostId} />
                </TableCell>
                <TableCell data-testid="node-queue">
                  {q === undefined
                    ? '—'
                    : `${q.status}${q.pending > 0 ? ` · ${q.pending} pending` : ''}`}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Writable>
                    <Button
                      size="small"
                      onClick={() => setRemoval({ kind: 'remove', hostId: n.hostId })}
                      data-testid="node-remove"
                    >
                      Remove
                    </Button>
                  </Writable>
                  <Writable>
                    <Button
                      size="small"
                      color="error"
                      disabled={reachable}
                      title={
                        reachable
                          ? 'The node is reachable: use Remove'
                          : 'For a node that cannot be reached'
                      }
                      onClick={() => setRemoval({ kind: 'force', hostId: n.hostId })}
                      data-testid="force-remove"
                    >
                      Force remove
                    </Button>
                  </Writable>
                </TableCell>
              </TableRow>
            );
          })}
          {c.nodes.length === 0 && (
            <TableRow>
              <TableCell colSpan={7}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  No nodes yet: the manager alone serves the sites.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <AddNodeDialog open={adding} view={view} onClose={() => setAdding(false)} />
      <NodeRemoveDialogs view={view} removal={removal} onDone={() => setRemoval(null)} />
    </Paper>
  );
}
