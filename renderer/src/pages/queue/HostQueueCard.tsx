import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostQueueView, QueueItemView } from '../../../../shared/model/queue';
import { RouteLink } from '../../components/RouteLink';
import { VirtualList } from '../../components/VirtualList';
import { useUiStore } from '../../stores/ui-store';
import { QueueActions } from './QueueActions';
import { QueueHistory } from './QueueHistory';
import { QueueItemRow } from './QueueItemRow';
import { QueueNow } from './QueueNow';
import { countsText, queueLayout } from './queue-history';
import { queueProgress, STATUS_META } from './queue-logic';

const itemKey = (item: QueueItemView) => item.id;

/** Props of {@link HostQueueCard}. */
export interface HostQueueCardProps {
  view: HostQueueView;
  hostName: string;
  /** Names of other hosts (a waiting step names the host of the step it waits for). */
  nameOf: (hostId: string) => string;
  /** The URL selects this host's queue (#/queue/HOST), and maybe one of its steps. */
  selected?: boolean;
  selectedItemId?: number | undefined;
}

/**
 * One host's queue: status and counts, then what runs now (pinned, never under a scroll box),
 * the steps after it, and the finished steps grouped by apply.
 */
export function HostQueueCard({
  view,
  hostName,
  nameOf,
  selected = false,
  selectedItemId,
}: HostQueueCardProps) {
  const showQueueItem = useUiStore((s) => s.showQueueItem);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(
    () => new Set(selectedItemId === undefined ? [] : [selectedItemId]),
  );
  // A step opened by its URL (a link, Back or Forward) shows its runs.
  useEffect(() => {
    if (selectedItemId !== undefined) setExpanded((prev) => new Set(prev).add(selectedItemId));
  }, [selectedItemId]);
  const hostId = view.hostId;
  // Opening a step gives it a URL; closing it leaves the host's.
  const toggle = useCallback(
    (itemId: number) => {
      const opening = !expanded.has(itemId);
      setExpanded((prev) => {
        const next = new Set(prev);
        if (opening) next.add(itemId);
        else next.delete(itemId);
        return next;
      });
      showQueueItem(hostId, opening ? itemId : undefined);
    },
    [expanded, hostId, showQueueItem],
  );
  const renderRow = useCallback(
    (item: QueueItemView) => (
      <QueueItemRow
        item={item}
        expanded={expanded.has(item.id)}
        selected={item.id === selectedItemId}
        onToggle={toggle}
      />
    ),
    [expanded, selectedItemId, toggle],
  );
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected && selectedItemId === undefined) card.current?.scrollIntoView({ block: 'start' });
  }, [selected, selectedItemId]);

  const layout = useMemo(() => queueLayout(view), [view]);
  const meta = STATUS_META[view.status];
  const progress = queueProgress(view);
  const { counts } = layout;
  return (
    <Paper
      ref={card}
      variant="outlined"
      data-testid="queue-host"
      data-host-id={view.hostId}
      data-status={view.status}
      data-selected={selected}
      sx={{ overflow: 'hidden', ...(selected ? { borderColor: 'primary.main' } : {}) }}
    >
      <Stack spacing={1.5} sx={{ p: 2 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" data-testid="queue-host-name">
            <RouteLink to={{ kind: 'queue', hostId }} underline="hover" color="inherit">
              {hostName}
            </RouteLink>
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
          <Typography
            variant="body2"
            color="text.secondary"
            data-testid="queue-counts"
            data-pending={counts.pending}
            data-running={counts.running}
            data-failed={counts.failed}
            data-done={counts.done}
            data-skipped={counts.skipped}
            data-cancelled={counts.cancelled}
          >
            {countsText(counts)}
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
        <QueueNow view={view} nameOf={nameOf} />
      </Stack>
      {layout.upcoming.length > 0 && (
        <Box data-testid="queue-upcoming" sx={{ borderTop: 1, borderColor: 'divider' }}>
          <Typography
            variant="overline"
            component="h3"
            color="text.secondary"
            sx={{ px: 2, pt: 1, display: 'block' }}
          >
            Next ({layout.upcoming.length})
          </Typography>
          <Box sx={{ pl: 2 }}>
            <VirtualList
              items={layout.upcoming}
              getKey={itemKey}
              renderRow={renderRow}
              estimatedRowHeight={52}
              maxHeight={260}
              testId="queue-upcoming-items"
            />
          </Box>
        </Box>
      )}
      <QueueHistory groups={layout.history} renderRow={renderRow} selectedItemId={selectedItemId} />
    </Paper>
  );
}
