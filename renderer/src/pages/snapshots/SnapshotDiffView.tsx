import CloseIcon from '@mui/icons-material/Close';
import RestoreIcon from '@mui/icons-material/Restore';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SnapshotChange } from '../../../../shared/snapshot/diff';
import { isEmptyDiff } from '../../../../shared/snapshot/diff';
import { DiffText } from '../../components/plan/DiffText';
import { formatTime } from '../../lib/format';
import { MONO } from '../../theme';
import { changeSubject, changeSummary, groupChanges } from './snapshot-diff-groups';
import { SideBySideDiff } from './SideBySideDiff';
import type { CompareSide, Comparison } from './snapshots-store';

type Layout = 'unified' | 'split';

function ChangeView({ change, layout }: { change: SnapshotChange; layout: Layout }) {
  const summary = changeSummary(change);
  return (
    <Box data-testid="snapshot-change" data-kind={change.kind} sx={{ py: 0.75 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="snapshot-change-subject">
        {changeSubject(change)}
      </Typography>
      {summary !== '' && (
        <Typography
          variant="body2"
          sx={{ fontFamily: MONO, wordBreak: 'break-word' }}
          data-testid="snapshot-change-values"
        >
          {summary}
        </Typography>
      )}
      {change.diff != null && change.diff !== '' && (
        <Box sx={{ mt: 0.5 }} data-testid="snapshot-file-diff" data-layout={layout}>
          {layout === 'unified' ? (
            <DiffText diff={change.diff} />
          ) : (
            <SideBySideDiff diff={change.diff} />
          )}
        </Box>
      )}
    </Box>
  );
}

function sideText(side: CompareSide): string {
  return `${side.label} (${formatTime(side.body.takenAt)})`;
}

/** Props of {@link SnapshotDiffView}. */
export interface SnapshotDiffViewProps {
  comparison: Comparison;
  /** Makes the older snapshot's model the desired one; absent where it cannot be offered. */
  onUseOlderModel?: () => void;
  restoring: boolean;
  onClose: () => void;
}

/**
 * What changed from the older snapshot to the newer: the model, each host's files (unified or
 * side by side), IPVS, facts and queue failures; "No changes" when nothing did.
 */
export function SnapshotDiffView(props: SnapshotDiffViewProps) {
  const { comparison, onUseOlderModel, restoring, onClose } = props;
  const [layout, setLayout] = useState<Layout>('unified');
  const empty = isEmptyDiff(comparison.diff);
  const groups = groupChanges(comparison.diff.changes);
  const hasFiles = groups.some((g) => g.kind === 'file');
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-labelledby="snapshot-diff-title"
      data-testid="snapshot-diff"
      data-empty={empty ? 'true' : 'false'}
      data-older={comparison.older.label}
      data-newer={comparison.newer.label}
    >
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Box>
          <Typography variant="h6" component="h2" id="snapshot-diff-title">
            Changes
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="snapshot-diff-sides">
            From {sideText(comparison.older)} to {sideText(comparison.newer)}
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {onUseOlderModel !== undefined && (
            <Button
              startIcon={<RestoreIcon />}
              disabled={restoring}
              onClick={onUseOlderModel}
              data-testid="snapshot-use-model"
              title="Makes the older snapshot's model the desired one and opens the plan preview"
            >
              Use the older snapshot&apos;s model
            </Button>
          )}
          <IconButton aria-label="Close the comparison" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Stack>
      </Stack>
      {empty ? (
        <Alert severity="success" sx={{ mt: 1.5 }} data-testid="snapshot-diff-none">
          No changes: both snapshots hold the same cluster.
        </Alert>
      ) : (
        <Stack spacing={2} sx={{ mt: 1.5 }}>
          {hasFiles && (
            <ToggleButtonGroup
              size="small"
              exclusive
              value={layout}
              onChange={(_e, v: Layout | null) => v !== null && setLayout(v)}
              aria-label="How file changes are shown"
            >
              <ToggleButton value="unified" data-testid="snapshot-diff-unified">
                Unified
              </ToggleButton>
              <ToggleButton value="split" data-testid="snapshot-diff-side-by-side">
                Side by side
              </ToggleButton>
            </ToggleButtonGroup>
          )}
          {groups.map((group) => (
            <Box key={group.key} data-testid="snapshot-diff-group" data-group={group.key}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {group.title}{' '}
                <Typography component="span" variant="body2" color="text.secondary">
                  ({group.changes.length})
                </Typography>
              </Typography>
              {group.changes.map((change, i) => (
                <ChangeView key={i} change={change} layout={layout} />
              ))}
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
