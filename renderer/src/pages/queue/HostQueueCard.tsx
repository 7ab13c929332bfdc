import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import type { HostQueueView, QueueItemView } from '../../../../shared/model/queue';
import { VirtualList } from '../../components/VirtualList';
import { MONO } from '../../theme';
import { QueueActions } from './QueueActions';
import { QueueItemRow } from './QueueItemRow';
import { queueProgress, STATUS_META, statusLine } from './queue-logic';
import { RetryCountdown } from './RetryCountdown';

const itemKey = (item: QueueItemView) => item.id;

/** Props of {@link HostQueueCard}. */
export interface HostQueueCardProps {
  view: HostQueueView;
  hostName: string;
}

/** One host's queue: status, current step and its error, retry countdown, actions, items. */
export function HostQueueCard({ view, hostName }: HostQueueCardProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = useCallback(
    (itemId: number) =>
      setExpanded((prev) => {
        const next = new Set(prev);
        if (!next.delete(itemId)) next.add(itemId);
        return next;
      }),
    [],
  );
  const renderRow = useCallback(
    (item: QueueItemView) => (
      <QueueItemRow item={item} expanded={expanded.has(item.id)} onToggle={toggle} />
    ),
    [expanded, toggle],
  );

  const meta = STATUS_META[view.status];
  const current = view.current;
  const progress = queueProgress(view);
  const currentIndex = current === null ? -1 : view.items.findIndex((i) => i.id === current.id);
  return (
    <Paper
      variant="outlined"
      data-testid="queue-host"
      data-host-id={view.hostId}
      data-status={view.status}
      sx={{ overflow: 'hidden' }}
    >
      <Stack spacing={1.5} sx={{ p: 2 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" data-testid="queue-host-name">
            {hostName}
          </Typography>
          <Chip
            size="small"
            data-testid="queue-status"
            data-status={view.status}
            color={meta.color}
            variant={view.status === 'idle' ? 'outlined' : 'filled'}
            label={meta.label}
            {...(view.status === 'running'
              ? { icon: <CircularProgress size={12} color="inherit" aria-hidden /> }
              : {})}
          />
          <Typography variant="body2" color="text.secondary" data-testid="queue-pending">
            {view.pending === 0 ? 'nothing unfinished' : `${view.pending} unfinished`}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <QueueActions view={view} hostName={hostName} />
        </Stack>
        {progress !== null && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <LinearProgress
              variant="determinate"
              value={(progress.done / progress.total) * 100}
              color={meta.color === 'default' ? 'inherit' : meta.color}
              sx={{ flex: 1, height: 6, borderRadius: 3 }}
              aria-label="progress"
            />
            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {progress.done} of {progress.total} done
            </Typography>
          </Stack>
        )}
        <Typography data-testid="queue-current" data-step-id={current?.stepId ?? ''}>
          {statusLine(view)}
        </Typography>
        {current !== null && current.lastError !== null && (
          <Box
            component="pre"
            data-testid="queue-error"
            sx={{
              fontFamily: MONO,
              fontSize: 13,
              m: 0,
              p: 1.5,
              maxHeight: 200,
              overflow: 'auto',
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-word',
              borderRadius: 1,
              border: 1,
              borderColor: current.state === 'failed' ? 'error.light' : 'divider',
              bgcolor: current.state === 'failed' ? '#fdf1f1' : 'grey.50',
              color: current.state === 'failed' ? 'error.dark' : 'text.secondary',
            }}
          >
            {current.lastError}
          </Box>
        )}
        {current !== null && <RetryCountdown item={current} />}
      </Stack>
      {view.items.length > 0 && (
        <Box sx={{ borderTop: 1, borderColor: 'divider' }}>
          <VirtualList
            items={view.items}
            getKey={itemKey}
            renderRow={renderRow}
            estimatedRowHeight={52}
            maxHeight={420}
            initialIndex={currentIndex}
            testId="queue-items"
          />
        </Box>
      )}
    </Paper>
  );
}
