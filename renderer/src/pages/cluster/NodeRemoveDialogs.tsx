import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { forceRemoveNode, saveCluster } from '../../flows/cluster-actions';
import { useHostsStore } from '../../stores/hosts-store';
import { MONO } from '../../theme';

/** Which node is being removed, and how. */
export interface NodeRemoval {
  kind: 'remove' | 'force';
  hostId: string;
}

/** Props of {@link NodeRemoveDialogs}. */
export interface NodeRemoveDialogsProps {
  view: ClusterView;
  removal: NodeRemoval | null;
  onDone: () => void;
}

/** Confirms a node's removal (model only, or forced), then lists what stays on a forced one. */
export function NodeRemoveDialogs({ view, removal, onDone }: NodeRemoveDialogsProps) {
  const c = view.cluster;
  const name = useHostsStore((s) => s.hosts.find((h) => h.id === removal?.hostId)?.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [leftovers, setLeftovers] = useState<{ host: string; items: string[] } | null>(null);
  const label = name ?? removal?.hostId ?? '';

  const cancel = () => {
    setError(null);
    onDone();
  };
  const confirm = async () => {
    if (removal === null) return;
    setBusy(true);
    setError(null);
    try {
      if (removal.kind === 'remove') {
        const r = await saveCluster({
          ...c,
          nodes: c.nodes.filter((n) => n.hostId !== removal.hostId),
        });
        if (!r.ok) {
          setError(r.error);
          return;
        }
      } else {
        setLeftovers({ host: label, items: await forceRemoveNode(c.id, removal.hostId) });
      }
      onDone();
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ConfirmDialog
        open={removal !== null}
        title={
          removal?.kind === 'force' ? `Force remove ${label}?` : `Remove ${label} from the cluster?`
        }
        confirmLabel={removal?.kind === 'force' ? 'Force remove' : 'Remove'}
        danger
        busy={busy}
        testId={removal?.kind === 'force' ? 'force-remove-dialog' : 'node-remove-dialog'}
        confirmTestId={removal?.kind === 'force' ? 'force-remove-confirm' : 'node-remove-confirm'}
        onCancel={cancel}
        onConfirm={() => void confirm()}
      >
        {error !== null && <ErrorAlert error={error} title="Removing the node" />}
        {removal?.kind === 'force' ? (
          <Typography>
            For a node that cannot be reached: it is taken out of the model at once, without running
            anything on it, and the next plan drops it from the exports. What the cluster left on it
            stays there; you will get the list to clean up by hand.
          </Typography>
        ) : (
          <Typography>
            The node is removed from the desired model. The next plan contains the steps that take
            it out of the cluster: unmount the shared storage, give the node its own /home back and
            remove the accounts' users from it. Homes on the shared storage are never deleted.
          </Typography>
        )}
      </ConfirmDialog>
      <Dialog
        open={leftovers !== null}
        onClose={() => setLeftovers(null)}
        data-testid="leftovers-dialog"
      >
        <DialogTitle>What stays on {leftovers?.host}</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 1 }}>
            {leftovers?.items.length === 0
              ? 'Nothing the cluster set up is known to remain on the host.'
              : 'Clean these up by hand when the host is reachable again:'}
          </Typography>
          <ul>
            {leftovers?.items.map((l) => (
              <li key={l} data-testid="leftover" style={{ fontFamily: MONO }}>
                {l}
              </li>
            ))}
          </ul>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setLeftovers(null)} data-testid="leftovers-close">
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
