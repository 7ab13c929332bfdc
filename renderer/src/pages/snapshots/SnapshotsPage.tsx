import CameraAltIcon from '@mui/icons-material/CameraAlt';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';
import type { SnapshotBody } from '../../../../shared/snapshot/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouteLink } from '../../components/RouteLink';
import { formatTime } from '../../lib/format';
import { openSnapshotBytes } from '../../snapshot';
import { CompareFilesForm } from './CompareFilesForm';
import { newestFirst, selectedPair } from './snapshot-labels';
import { downloadBytes } from './snapshot-files';
import { SnapshotDiffView } from './SnapshotDiffView';
import { SnapshotList } from './SnapshotList';
import { useSnapshotsStore } from './snapshots-store';
import { TakeProgress } from './TakeProgress';
import { useSnapshotsList } from './use-snapshots-list';

/**
 * A cluster's snapshots: take one now (a task with progress), the kept ones newest first with
 * Open, Download, Remove, Compare with now and Use its model; any two compared, or two files
 * from disk. Restoring a model opens the plan preview: nothing is applied without review.
 */
export function SnapshotsPage({ view }: { view: ClusterView }) {
  const clusterId = view.cluster.id;
  const s = useSnapshotsStore();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showFiles, setShowFiles] = useState(false);
  const [removing, setRemoving] = useState<SnapshotInfo | null>(null);
  /** The snapshot whose model the admin asked to use, until they confirm. */
  const [restoring, setRestoring] = useState<{
    takenAt: string;
    body: () => Promise<SnapshotBody>;
  } | null>(null);
  const [actionError, setActionError] = useState<{ title: string; error: ErrorInfo } | null>(null);
  useSnapshotsList(clusterId);

  const mine = s.clusterId === clusterId;
  const list = mine ? newestFirst(s.list) : [];
  const pair = selectedPair(list, selected);
  const busy = s.taking !== null || s.comparing || s.restoring;
  const comparison = mine ? s.comparison : null;

  const attempt = async (title: string, work: () => Promise<void>) => {
    setActionError(null);
    try {
      await work();
    } catch (e) {
      setActionError({ title, error: toErrorInfo(e) });
    }
  };
  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const confirmRestore = async () => {
    const target = restoring;
    setRestoring(null);
    if (target === null) return;
    await attempt('Reading the snapshot', async () => {
      await s.restoreModel(clusterId, await target.body());
    });
  };
  const confirmRemove = async () => {
    const target = removing;
    setRemoving(null);
    if (target === null) return;
    setSelected((old) => new Set([...old].filter((id) => id !== target.id)));
    await s.remove(target.id);
  };

  return (
    <Stack spacing={2} data-testid="snapshots-page">
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1}
        sx={{ justifyContent: 'space-between' }}
      >
        <Stack spacing={0.5}>
          <Typography variant="h5" component="h1">
            Snapshots of {view.cluster.name}
          </Typography>
          <RouteLink to={{ kind: 'cluster', clusterId }} variant="body2">
            Back to the cluster
          </RouteLink>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            startIcon={<CameraAltIcon />}
            disabled={busy}
            onClick={() => void s.take(clusterId)}
            data-testid="snapshot-take"
          >
            Take snapshot
          </Button>
          <Button
            startIcon={<CompareArrowsIcon />}
            disabled={pair === null || busy}
            onClick={() => pair !== null && void s.compareKept(pair[0], pair[1])}
            data-testid="snapshot-compare"
            title="Select exactly two snapshots to compare"
          >
            Compare selected
          </Button>
          <Button
            startIcon={<FolderOpenIcon />}
            aria-expanded={showFiles}
            onClick={() => setShowFiles((v) => !v)}
            data-testid="snapshot-compare-files"
          >
            Compare files…
          </Button>
        </Stack>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        A snapshot is one file holding the whole cluster as it was: the model, every host&apos;s
        facts and managed files, the live load balancing, the queues and the audit log, never a
        secret. Open one to look at it without any connection.
      </Typography>
      {s.taking !== null && <TakeProgress taking={s.taking} />}
      {s.takeError !== null && (
        <ErrorAlert error={s.takeError} title="Taking a snapshot" testId="snapshot-take-error" />
      )}
      {actionError !== null && (
        <ErrorAlert
          error={actionError.error}
          title={actionError.title}
          onClose={() => setActionError(null)}
          testId="snapshot-action-error"
        />
      )}
      {s.restoreError !== null && (
        <ErrorAlert
          error={s.restoreError}
          title="Using the snapshot's model"
          testId="snapshot-restore-error"
        />
      )}
      {s.restoreNote !== null && (
        <Alert severity="warning" data-testid="snapshot-lost-passwords">
          {s.restoreNote}
        </Alert>
      )}
      {showFiles && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            Compare snapshot files
          </Typography>
          <CompareFilesForm busy={busy} onCompare={(a, b) => void s.compareFiles(a, b)} />
        </Paper>
      )}
      {s.comparing && s.taking === null && (
        <LinearProgress aria-label="Reading the snapshots" data-testid="snapshot-comparing" />
      )}
      {s.compareError !== null && (
        <ErrorAlert
          error={s.compareError}
          title="Comparing snapshots"
          testId="snapshot-compare-error"
        />
      )}
      {comparison !== null && (
        <SnapshotDiffView
          comparison={comparison}
          restoring={s.restoring}
          onUseOlderModel={() =>
            setRestoring({
              takenAt: comparison.older.body.takenAt,
              body: () => Promise.resolve(comparison.older.body),
            })
          }
          onClose={s.closeComparison}
        />
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          Kept snapshots
        </Typography>
        {mine && s.listError !== null && (
          <ErrorAlert error={s.listError} title="Listing snapshots" testId="snapshot-list-error" />
        )}
        {!mine || !s.loaded ? (
          <LinearProgress aria-label="Loading the snapshots" />
        ) : list.length === 0 ? (
          <Typography color="text.secondary" data-testid="snapshot-none">
            No snapshot is kept yet. Take one now; one is also taken before every apply.
          </Typography>
        ) : (
          <SnapshotList
            list={list}
            selected={selected}
            onToggle={toggle}
            busy={busy}
            onOpen={(info) =>
              void attempt(`Opening ${info.id}`, async () => {
                const { fileName, bytes } = await s.readFile(info.id);
                await openSnapshotBytes(bytes, fileName);
              })
            }
            onDownload={(info) =>
              void attempt(`Downloading ${info.id}`, async () => {
                const { fileName, bytes } = await s.readFile(info.id);
                downloadBytes(bytes, fileName);
              })
            }
            onCompareLive={(info) => void s.compareLive(clusterId, info)}
            onUseModel={(info) =>
              setRestoring({ takenAt: info.takenAt, body: () => s.bodyOf(info.id) })
            }
            onRemove={setRemoving}
          />
        )}
      </Paper>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this snapshot?"
        confirmLabel="Remove"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => void confirmRemove()}
        testId="snapshot-remove-dialog"
      >
        <Typography>
          The snapshot of {removing === null ? '' : formatTime(removing.takenAt)} is deleted from
          this computer. Download it first to keep a copy.
        </Typography>
      </ConfirmDialog>
      <ConfirmDialog
        open={restoring !== null}
        title="Use this snapshot's model?"
        confirmLabel="Use its model"
        onCancel={() => setRestoring(null)}
        onConfirm={() => void confirmRestore()}
        testId="snapshot-use-model-dialog"
      >
        <Typography>
          The model of the snapshot of {restoring === null ? '' : formatTime(restoring.takenAt)}{' '}
          becomes the desired model of {view.cluster.name}, replacing the one now (with any change
          not applied yet). Nothing changes on the hosts: the plan preview opens to review what
          applying it would do.
        </Typography>
      </ConfirmDialog>
    </Stack>
  );
}
