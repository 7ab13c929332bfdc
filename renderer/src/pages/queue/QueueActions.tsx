import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { HostQueueView } from '../../../../shared/model/queue';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { cancelQueue, retryQueueNow, skipQueueItem } from '../../flows/queue-actions';
import { useReadOnly } from '../../snapshot';

type Busy = 'retry' | 'skip' | 'cancel' | null;

/** What the open confirmation is about, fixed when it opened (the queue may move on). */
type Confirm = { kind: 'skip'; itemId: number; title: string } | { kind: 'cancel' } | null;

/** Props of {@link QueueActions}. */
export interface QueueActionsProps {
  view: HostQueueView;
  hostName: string;
}

/** Retry now, Skip and Cancel of a host's queue; skip and cancel ask first. */
export function QueueActions({ view, hostName }: QueueActionsProps) {
  const [busy, setBusy] = useState<Busy>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const readOnly = useReadOnly();
  const current = view.current;
  if (current === null || readOnly) return null;

  const run = async (what: Exclude<Busy, null>, action: () => Promise<boolean>) => {
    setBusy(what);
    await action();
    setBusy(null);
    setConfirm(null);
  };
  const halted = current.state === 'failed';
  const skipTitle = confirm?.kind === 'skip' ? confirm.title : current.title;
  return (
    <Stack direction="row" spacing={1}>
      <Button
        size="small"
        variant="contained"
        data-testid="queue-retry"
        disabled={!halted || busy !== null}
        onClick={() => void run('retry', () => retryQueueNow(view.hostId))}
      >
        Retry now
      </Button>
      <Button
        size="small"
        color="warning"
        data-testid="queue-skip"
        disabled={current.state === 'running' || busy !== null}
        onClick={() => setConfirm({ kind: 'skip', itemId: current.id, title: current.title })}
      >
        Skip
      </Button>
      <Button
        size="small"
        color="error"
        data-testid="queue-cancel"
        disabled={view.pending === 0 || busy !== null}
        onClick={() => setConfirm({ kind: 'cancel' })}
      >
        Cancel
      </Button>
      <ConfirmDialog
        open={confirm?.kind === 'skip'}
        title={`Skip “${skipTitle}”?`}
        confirmLabel="Skip step"
        cancelLabel="Don’t skip"
        danger
        busy={busy === 'skip'}
        testId="queue-skip-confirm"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm?.kind === 'skip') {
            const { itemId } = confirm;
            void run('skip', () => skipQueueItem(view.hostId, itemId));
          }
        }}
      >
        <Typography gutterBottom>
          The step <strong>{skipTitle}</strong> on <strong>{hostName}</strong> is marked as skipped
          and never run; the queue goes on with the next step.
        </Typography>
        <Typography color="warning.dark">
          The cluster may be left inconsistent: later steps, here or on other hosts, may rely on
          what this step should have done.
        </Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm?.kind === 'cancel'}
        title={`Cancel the queue of ${hostName}?`}
        confirmLabel={`Cancel ${view.pending} step${view.pending === 1 ? '' : 's'}`}
        danger
        busy={busy === 'cancel'}
        cancelLabel="Keep the queue"
        testId="queue-cancel-confirm"
        onCancel={() => setConfirm(null)}
        onConfirm={() => void run('cancel', () => cancelQueue(view.hostId))}
      >
        <Typography gutterBottom>
          Every unfinished step of {hostName} ({view.pending}) is cancelled, and a running one is
          stopped. Steps already done stay done; nothing is rolled back.
        </Typography>
        <Typography color="warning.dark">
          The cluster may be left half configured, and steps on other hosts that wait for these will
          fail.
        </Typography>
      </ConfirmDialog>
    </Stack>
  );
}
