import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ScheduleIcon from '@mui/icons-material/Schedule';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, type ReactNode } from 'react';
import type { QueueItemState, QueueItemView } from '../../../../shared/model/queue';
import { MONO } from '../../theme';
import { formatShortTime, outcomeText } from './queue-logic';
import { QueueRuns } from './QueueRuns';

const STATE_ICON: Record<QueueItemState, ReactNode> = {
  pending: <ScheduleIcon fontSize="small" sx={{ color: 'text.disabled' }} />,
  running: <CircularProgress size={16} color="info" />,
  done: <CheckCircleIcon fontSize="small" color="success" />,
  failed: <ErrorIcon fontSize="small" color="error" />,
  skipped: <SkipNextIcon fontSize="small" color="warning" />,
  cancelled: <BlockIcon fontSize="small" sx={{ color: 'text.disabled' }} />,
};

/** Props of {@link QueueItemRow}. */
export interface QueueItemRowProps {
  item: QueueItemView;
  expanded: boolean;
  /** The step the URL selects (#/queue/HOST/ITEM): marked and scrolled into view. */
  selected?: boolean;
  onToggle: (itemId: number) => void;
}

/** One queued step: state, title, attempts, outcome, times; expands to its recorded runs. */
export function QueueItemRow({ item, expanded, selected = false, onToggle }: QueueItemRowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'center' });
  }, [selected]);
  const outcome = outcomeText(item);
  const times = [
    `queued ${formatShortTime(item.createdAt)}`,
    item.startedAt !== null ? `started ${formatShortTime(item.startedAt)}` : null,
    item.finishedAt !== null ? `finished ${formatShortTime(item.finishedAt)}` : null,
  ].filter((t) => t !== null);
  return (
    <Box
      ref={ref}
      data-testid="queue-item"
      data-step-id={item.stepId}
      data-item-id={item.id}
      data-state={item.state}
      data-selected={selected}
      aria-current={selected ? 'location' : undefined}
      sx={{
        borderBottom: 1,
        borderColor: 'divider',
        ...(selected ? { boxShadow: (t) => `inset 3px 0 0 ${t.palette.primary.main}` } : {}),
      }}
    >
      <ButtonBase
        onClick={() => onToggle(item.id)}
        aria-expanded={expanded}
        sx={{
          width: '100%',
          justifyContent: 'flex-start',
          textAlign: 'left',
          gap: 1.5,
          px: 1,
          py: 0.75,
          '&:hover': { bgcolor: 'action.hover' },
        }}
      >
        <Box sx={{ width: 24, display: 'flex', justifyContent: 'center' }} title={item.state}>
          {STATE_ICON[item.state]}
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2" noWrap sx={{ fontWeight: 500 }}>
            {item.title}{' '}
            <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary' }}>
              {item.stepId}
            </Box>
          </Typography>
          <Typography variant="caption" color="text.secondary" noWrap component="div">
            {item.state}
            {outcome !== null ? ` · ${outcome}` : ''}
            {item.attempts > 0
              ? ` · ${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`
              : ''}
            {' · '}
            {times.join(' · ')}
          </Typography>
        </Box>
        {expanded ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
      </ButtonBase>
      {expanded && <QueueRuns item={item} />}
    </Box>
  );
}
