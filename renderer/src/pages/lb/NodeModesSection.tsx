import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo } from '../../../../shared/api/errors';
import { nodeActiveConns } from '../../../../shared/lb/status-view';
import type { ClusterNode } from '../../../../shared/model/cluster';
import { changeNodeMode, NODE_OPERATIONS, waitDrained } from '../../flows/lb-actions';
import { nodeLbPhase } from '../../lib/lb-status';
import { useHostsStore } from '../../stores/hosts-store';
import { useLbStatusStore } from '../../stores/lb-status-store';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { NodeLbPhaseChip } from './NodeLbPhaseChip';

const MODES: ClusterNode['lbMode'][] = ['drain', 'maintenance', 'active'];

/** Drain, maintenance and return to service per node; each goes through the plan preview. */
export function NodeModesSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const hosts = useHostsStore((s) => s.hosts);
  const showError = useUiStore((s) => s.showError);
  const status = useLbStatusStore((s) => (s.clusterId === c.id ? s.last : null));
  const [busy, setBusy] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<Record<string, boolean>>({});

  const change = async (hostId: string, mode: ClusterNode['lbMode']) => {
    setBusy(hostId);
    try {
      await changeNodeMode(c.id, hostId, hosts.find((h) => h.id === hostId)?.name ?? hostId, mode);
    } finally {
      setBusy(null);
    }
  };

  const waitFor = async (hostId: string, name: string) => {
    setWaiting((w) => ({ ...w, [hostId]: true }));
    try {
      await waitDrained(c.id, hostId);
    } catch (e) {
      showError({ context: `Wait for ${name} to drain`, error: toErrorInfo(e) });
    } finally {
      setWaiting((w) => ({ ...w, [hostId]: false }));
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="lb-nodes">
      <Typography variant="h6" component="h2">
        Node operations
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Drain: weight 0 on every service, open connections finish. Maintenance: out of every
        service. Storage, accounts and sites are untouched. Each change takes effect in IPVS at
        once; keepalived.conf follows through the manager's queue.
      </Typography>
      <Table size="small" aria-label="Node operations">
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            <TableCell>Address</TableCell>
            <TableCell>Load balancing</TableCell>
            <TableCell align="right">Active connections</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {c.nodes.map((n) => {
            const applied = view.applied?.nodes.find((a) => a.hostId === n.hostId)?.lbMode ?? null;
            const conns = nodeActiveConns(status, n.hostId);
            const phase = nodeLbPhase(n.lbMode, applied, conns);
            return (
              <TableRow
                key={n.hostId}
                data-testid="lb-node-row"
                data-host-id={n.hostId}
                data-mode={n.lbMode}
              >
                <TableCell sx={{ fontWeight: 600 }}>
                  {hosts.find((h) => h.id === n.hostId)?.name ?? n.hostId}
                  {!n.enabled && (
                    <Typography component="span" variant="body2" color="text.secondary">
                      {' '}
                      (disabled)
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ fontFamily: MONO }}>{n.publicIp}</TableCell>
                <TableCell>
                  <NodeLbPhaseChip phase={phase} activeConns={conns} />
                </TableCell>
                <TableCell align="right" sx={{ fontFamily: MONO }} data-testid="lb-node-conns">
                  {conns ?? '—'}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Writable>
                    {n.lbMode === 'drain' && (
                      <Button
                        size="small"
                        disabled={waiting[n.hostId] === true}
                        onClick={() =>
                          void waitFor(
                            n.hostId,
                            hosts.find((h) => h.id === n.hostId)?.name ?? n.hostId,
                          )
                        }
                        data-testid="node-wait-drained"
                      >
                        {waiting[n.hostId] === true ? 'Waiting (see Tasks)' : 'Wait until drained'}
                      </Button>
                    )}
                    {MODES.filter((m) => m !== n.lbMode).map((m) => (
                      <Button
                        key={m}
                        size="small"
                        disabled={busy !== null}
                        onClick={() => void change(n.hostId, m)}
                        data-testid={NODE_OPERATIONS[m].testId}
                      >
                        {NODE_OPERATIONS[m].label}
                      </Button>
                    ))}
                  </Writable>
                </TableCell>
              </TableRow>
            );
          })}
          {c.nodes.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  No nodes: add them on the Cluster page.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}
