import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';
import { formatBytes, formatTime } from '../../lib/format';
import { VISUALLY_HIDDEN } from '../../theme';
import { reasonLabel, unreachableText } from './snapshot-labels';

/** What a row's buttons do. */
export interface SnapshotRowActions {
  onOpen: (s: SnapshotInfo) => void;
  onDownload: (s: SnapshotInfo) => void;
  onCompareLive: (s: SnapshotInfo) => void;
  onUseModel: (s: SnapshotInfo) => void;
  onRemove: (s: SnapshotInfo) => void;
}

/** Props of {@link SnapshotList}. */
export interface SnapshotListProps extends SnapshotRowActions {
  /** Newest first. */
  list: SnapshotInfo[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** While a snapshot is taken, compared or restored, the row actions wait. */
  busy: boolean;
}

/** The kept snapshots of a cluster, newest first, each with its actions and a compare box. */
export function SnapshotList(props: SnapshotListProps) {
  const { list, selected, onToggle, busy, ...actions } = props;
  return (
    <Table size="small" data-testid="snapshot-list" aria-label="Kept snapshots">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Typography component="span" sx={VISUALLY_HIDDEN}>
              Compare
            </Typography>
          </TableCell>
          <TableCell>Taken</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Size</TableCell>
          <TableCell>Hosts</TableCell>
          <TableCell>Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {list.map((s) => {
          const time = formatTime(s.takenAt);
          return (
            <TableRow key={s.id} data-testid={`snapshot-row-${s.id}`} data-snapshot-id={s.id}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={selected.has(s.id)}
                  onChange={() => onToggle(s.id)}
                  slotProps={{
                    input: {
                      'aria-label': `Select the snapshot of ${time} to compare`,
                      'data-testid': 'snapshot-select',
                    } as object,
                  }}
                />
              </TableCell>
              <TableCell>
                <Typography variant="body2" data-testid="snapshot-time">
                  {time}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="div">
                  {s.id}
                </Typography>
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  label={reasonLabel(s.reason)}
                  data-testid="snapshot-reason"
                  data-reason={s.reason}
                />
              </TableCell>
              <TableCell data-testid="snapshot-size" sx={{ whiteSpace: 'nowrap' }}>
                {formatBytes(s.sizeBytes)}
              </TableCell>
              <TableCell>
                <Typography
                  variant="body2"
                  color={s.unreachable.length > 0 ? 'warning.main' : 'text.secondary'}
                  data-testid="snapshot-unreachable"
                >
                  {unreachableText(s)}
                </Typography>
              </TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                  <Button
                    size="small"
                    onClick={() => actions.onOpen(s)}
                    data-testid="snapshot-open"
                  >
                    Open
                  </Button>
                  <Button
                    size="small"
                    onClick={() => actions.onDownload(s)}
                    data-testid="snapshot-download"
                  >
                    Download
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => actions.onCompareLive(s)}
                    data-testid="snapshot-compare-live"
                    title="Takes a snapshot now and shows what changed since this one"
                  >
                    Compare with now
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => actions.onUseModel(s)}
                    data-testid="snapshot-use-model"
                    title="Makes this snapshot's model the desired one and opens the plan preview"
                  >
                    Use its model
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    disabled={busy}
                    onClick={() => actions.onRemove(s)}
                    data-testid="snapshot-remove"
                  >
                    Remove
                  </Button>
                </Stack>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
