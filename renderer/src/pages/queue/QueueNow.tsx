import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { HostQueueView } from '../../../../shared/model/queue';
import { useNow } from '../../lib/use-now';
import { MONO } from '../../theme';
import { elapsedText, statusLine } from './queue-logic';
import { QueueRuns } from './QueueRuns';
import { RetryCountdown } from './RetryCountdown';

const BORDER: Record<HostQueueView['status'], string> = {
  idle: 'divider',
  running: 'info.light',
  waiting: 'warning.light',
  halted: 'error.light',
};

/** Props of {@link QueueNow}. */
export interface QueueNowProps {
  view: HostQueueView;
  nameOf: (hostId: string) => string;
}

/**
 * What a host's queue does now, pinned above its steps: the running step and for how long, the
 * step a waiting queue waits for, or the halted step with its error and next retry.
 */
export function QueueNow({ view, nameOf }: QueueNowProps) {
  const current = view.current;
  const [showRuns, setShowRuns] = useState(false);
  const now = useNow(current?.state === 'running');
  const elapsed = elapsedText(current, now);
  const failed = current?.state === 'failed';
  return (
    <Box
      data-testid="queue-now"
      data-item-id={current?.id ?? ''}
      data-state={current?.state ?? ''}
      sx={{
        p: 1.5,
        borderRadius: 1,
        border: 1,
        borderColor: BORDER[view.status],
        bgcolor: current === null ? 'transparent' : 'grey.50',
      }}
    >
      <Stack spacing={1}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography
            data-testid="queue-current"
            data-step-id={current?.stepId ?? ''}
            sx={{ fontWeight: current === null ? 400 : 500 }}
          >
            {statusLine(view, nameOf)}
          </Typography>
          {elapsed !== null && (
            <Typography
              variant="body2"
              color="text.secondary"
              data-testid="queue-elapsed"
              sx={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {elapsed}
            </Typography>
          )}
          {current !== null && current.attempts > 1 && (
            <Typography variant="body2" color="text.secondary">
              attempt {current.attempts}
            </Typography>
          )}
        </Stack>
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
              borderColor: failed ? 'error.light' : 'divider',
              bgcolor: failed ? '#fdf1f1' : 'background.paper',
              color: failed ? 'error.dark' : 'text.secondary',
            }}
          >
            {current.lastError}
          </Box>
        )}
        {current !== null && <RetryCountdown item={current} />}
        {current !== null && current.attempts > 0 && (
          <Box>
            <Button
              size="small"
              onClick={() => setShowRuns((v) => !v)}
              aria-expanded={showRuns}
              data-testid="queue-now-runs"
              endIcon={showRuns ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            >
              Commands and output
            </Button>
            {showRuns && <QueueRuns item={current} />}
          </Box>
        )}
      </Stack>
    </Box>
  );
}
