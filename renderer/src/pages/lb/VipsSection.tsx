import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/api/errors';
import { clusterVips } from '../../../../shared/lb/cluster-lb';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveCluster } from '../../flows/cluster-actions';
import { messagesByField, unshownIssues, type FieldIssue } from '../../lib/cluster-fields';
import { vipUses, withoutVip, withVip } from '../../lib/lb-model';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { modelFieldProps } from '../cluster/field-props';

/** The manager's virtual IPs: list, add (address, optional interface), remove an unused one. */
export function VipsSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const showError = useUiStore((s) => s.showError);
  const [address, setAddress] = useState('');
  const [iface, setIface] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const uses = vipUses(c);
  const path = `vips.${clusterVips(c).length}`;
  const errors = messagesByField(issues);
  const other = unshownIssues(issues, new Set([`${path}.address`, `${path}.interface`]));

  const add = async () => {
    setSaving(true);
    const r = await saveCluster(withVip(c, address, iface));
    setSaving(false);
    if (r.ok) {
      setAddress('');
      setIface('');
      setIssues([]);
      setError(null);
    } else {
      setIssues(r.issues);
      setError(r.issues.length === 0 ? r.error : null);
    }
  };
  const confirmRemove = async () => {
    const vip = removing;
    setRemoving(null);
    if (vip === null) return;
    const r = await saveCluster(withoutVip(c, vip));
    if (!r.ok) showError({ context: `Removing VIP ${vip}`, error: r.error });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="lb-vips">
      <Typography variant="h6" component="h2">
        Virtual IPs
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Public addresses of the manager that clients connect to; never the quorum IP.
      </Typography>
      <Table size="small" aria-label="Virtual IPs">
        <TableHead>
          <TableRow>
            <TableCell>Address</TableCell>
            <TableCell>Interface</TableCell>
            <TableCell>Services</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {uses.map(({ vip, services }) => (
            <TableRow key={vip.address} data-testid="vip-row" data-vip={vip.address}>
              <TableCell sx={{ fontFamily: MONO, fontWeight: 600 }}>{vip.address}</TableCell>
              <TableCell sx={{ fontFamily: MONO }}>{vip.interface ?? 'automatic'}</TableCell>
              <TableCell>{services.length === 0 ? '—' : services.join(', ')}</TableCell>
              <TableCell align="right">
                <Writable>
                  <Button
                    size="small"
                    color="error"
                    disabled={services.length > 0}
                    title={services.length > 0 ? 'Remove its services first' : undefined}
                    onClick={() => setRemoving(vip.address)}
                    data-testid="vip-remove"
                  >
                    Remove
                  </Button>
                </Writable>
              </TableCell>
            </TableRow>
          ))}
          {uses.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  No virtual IP yet: add one before adding services.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Stack spacing={1} sx={{ mt: 2 }}>
        {error !== null && <ErrorAlert error={error} title="Adding the VIP" />}
        {other.length > 0 && (
          <Alert severity="error" data-testid="vip-issues">
            {other.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', maxWidth: 720 }}>
          <TextField
            label="VIP address"
            value={address}
            placeholder="10.10.0.100"
            onChange={(e) => {
              setAddress(e.target.value);
              setIssues((l) => l.filter((i) => i.field !== `${path}.address`));
            }}
            {...modelFieldProps(`${path}.address`, 'vip-address', errors, {
              hint: "A free address in the manager's public network.",
            })}
          />
          <TextField
            label="Interface (optional)"
            value={iface}
            placeholder="automatic"
            onChange={(e) => {
              setIface(e.target.value);
              setIssues((l) => l.filter((i) => i.field !== `${path}.interface`));
            }}
            {...modelFieldProps(`${path}.interface`, 'vip-interface', errors, {
              hint: "Empty: the interface of the manager's public IP.",
            })}
          />
          <Writable>
            <Button
              variant="outlined"
              startIcon={<AddIcon />}
              disabled={saving || address.trim() === ''}
              onClick={() => void add()}
              data-testid="vip-add"
              sx={{ mt: 0.25, flexShrink: 0 }}
            >
              Add VIP
            </Button>
          </Writable>
        </Stack>
      </Stack>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove VIP ${removing ?? ''}?`}
        confirmLabel="Remove"
        danger
        testId="vip-remove-dialog"
        onCancel={() => setRemoving(null)}
        onConfirm={() => void confirmRemove()}
      >
        <Typography>
          The VIP leaves the desired model; the next plan removes it from the manager.
        </Typography>
      </ConfirmDialog>
    </Paper>
  );
}
