import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveCluster } from '../../flows/cluster-actions';
import { messagesByField, unshownIssues, type FieldIssue } from '../../lib/cluster-fields';
import { useHostsStore } from '../../stores/hosts-store';
import { NodeFields } from './NodeFields';
import type { DraftNode } from './setup/setup-draft';
import { useHostsFacts } from './use-hosts-facts';

const EMPTY: DraftNode = { hostId: '', publicIp: '', privateIp: '' };

/** Props of {@link AddNodeDialog}. */
export interface AddNodeDialogProps {
  open: boolean;
  view: ClusterView;
  onClose: () => void;
}

/** Adds a host as a node: addresses pre-filled from its facts, saved into the model. */
export function AddNodeDialog({ open, view, onClose }: AddNodeDialogProps) {
  const c = view.cluster;
  const hosts = useHostsStore((s) => s.hosts);
  const facts = useHostsFacts();
  const [node, setNode] = useState<DraftNode>(EMPTY);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const path = `nodes.${c.nodes.length}`;
  const withPrivate = c.layout !== 'public';
  const shown = new Set([`${path}.hostId`, `${path}.publicIp`, `${path}.privateIp`]);
  const other = unshownIssues(issues, shown);

  const close = () => {
    setNode(EMPTY);
    setIssues([]);
    setError(null);
    onClose();
  };
  const save = async () => {
    setSaving(true);
    const r = await saveCluster({
      ...c,
      nodes: [
        ...c.nodes,
        {
          hostId: node.hostId,
          publicIp: node.publicIp.trim(),
          ...(withPrivate && node.privateIp.trim() !== ''
            ? { privateIp: node.privateIp.trim() }
            : {}),
          enabled: true,
          lbMode: 'active',
        },
      ],
    });
    setSaving(false);
    if (r.ok) close();
    else {
      setIssues(r.issues);
      setError(r.issues.length === 0 ? r.error : null);
    }
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="add-node-dialog">
      <DialogTitle>Add node</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error !== null && <ErrorAlert error={error} title="Adding the node" />}
          {other.length > 0 && (
            <Alert severity="error" data-testid="add-node-issues">
              {other.map((m) => (
                <div key={m}>{m}</div>
              ))}
            </Alert>
          )}
          <NodeFields
            node={node}
            path={path}
            errors={messagesByField(issues)}
            hosts={hosts}
            facts={facts}
            exclude={[
              c.manager.hostId,
              ...(c.storage.kind === 'external' ? [c.storage.hostId] : []),
              ...c.nodes.map((n) => n.hostId),
            ]}
            manager={{
              hostId: c.manager.hostId,
              layout: c.layout,
              publicIp: c.manager.publicIp,
              privateIp: c.manager.privateIp ?? '',
              quorumIp: c.manager.quorumIp,
            }}
            onChange={(n, fields) => {
              setNode(n);
              setIssues((list) => list.filter((i) => !fields.some((f) => i.field.startsWith(f))));
            }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          variant="contained"
          disabled={saving || node.hostId === ''}
          onClick={() => void save()}
          data-testid="node-submit"
        >
          Add node
        </Button>
      </DialogActions>
    </Dialog>
  );
}
