import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { formatTime } from '../lib/format';
import { closeSnapshot, useSnapshotMode } from './snapshot-mode';

const REASONS: Record<SnapshotBody['reason'], string> = {
  manual: 'taken by hand',
  'before-apply': 'before an apply',
};

/** The banner's sentence: which cluster, when, why, from which file, and that it is read-only. */
export function snapshotBannerText(fileName: string, body: SnapshotBody): string {
  return (
    `Snapshot of cluster ${body.cluster.cluster.name}, taken ${formatTime(body.takenAt)} ` +
    `(${REASONS[body.reason]}) — ${fileName} — read-only`
  );
}

/** Shown on every page while a snapshot is open: what is shown, and the way back to live. */
export function SnapshotBanner() {
  const open = useSnapshotMode();
  if (open === null) return null;
  return (
    <Alert
      severity="info"
      variant="filled"
      role="status"
      data-testid="snapshot-banner"
      sx={{ borderRadius: 0 }}
      action={
        <Stack direction="row" spacing={1}>
          <Button
            color="inherit"
            size="small"
            variant="outlined"
            data-testid="snapshot-close"
            onClick={() => void closeSnapshot()}
          >
            Close snapshot
          </Button>
        </Stack>
      }
    >
      {snapshotBannerText(open.fileName, open.body)}
    </Alert>
  );
}
