import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import type { QueueItemView, QueueRunView } from '../../../../shared/model/queue';
import { useQueueStore } from '../../stores/queue-store';
import { MONO } from '../../theme';
import { formatDuration, formatShortTime, runsByAttempt, runVerdict } from './queue-logic';
import { RunOutput } from './RunOutput';

/** The recorded runs of a queue item, loaded when shown and again when the item moves on. */
export function QueueRuns({ item }: { item: QueueItemView }) {
  const entry = useQueueStore((s) => s.runs[item.id]);
  const loadRuns = useQueueStore((s) => s.loadRuns);

  useEffect(() => {
    void loadRuns(item.id);
  }, [loadRuns, item.id, item.state, item.attempts]);

  const runs = entry?.runs ?? null;
  return (
    <Box data-testid="queue-runs" sx={{ pl: 5, pr: 1, pb: 1.5 }}>
      {entry?.loading === true && runs === null && <LinearProgress aria-label="loading runs" />}
      {entry?.error != null && (
        <Alert severity="error" variant="outlined">
          Loading the runs failed: {entry.error.message}
        </Alert>
      )}
      {runs !== null && runs.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {item.state === 'pending' ? 'Not run yet.' : 'No command was recorded.'}
        </Typography>
      )}
      <Stack spacing={1.5}>
        {runsByAttempt(runs ?? []).map((group, i) => (
          <Stack
            key={group.attempt}
            spacing={1}
            data-testid="queue-attempt"
            data-attempt={group.attempt}
          >
            <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.5 }}>
              Attempt {group.attempt}
              {i === 0 && group.attempt > 1 ? ' (latest)' : ''}
            </Typography>
            {group.runs.map((run) => (
              <QueueRun key={run.id} run={run} />
            ))}
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

const BORDER = { ok: 'success.light', failed: 'error.main', neutral: 'grey.400' } as const;
const CHIP = { ok: 'success', failed: 'error', neutral: 'default' } as const;

function QueueRun({ run }: { run: QueueRunView }) {
  const verdict = runVerdict(run);
  const failed = verdict.tone === 'failed';
  return (
    <Box
      data-testid="queue-run"
      data-phase={run.phase}
      data-exit-code={run.exitCode ?? ''}
      sx={{ borderLeft: 3, borderColor: BORDER[verdict.tone], pl: 1 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip size="small" variant="outlined" label={run.phase} />
        <Chip size="small" color={CHIP[verdict.tone]} label={verdict.text} />
        <Typography variant="caption" color="text.secondary">
          {formatShortTime(run.startedAt)} · {formatDuration(run.durationMs)}
        </Typography>
      </Stack>
      <Box
        component="code"
        sx={{ display: 'block', fontFamily: MONO, fontSize: 12, my: 0.5, wordBreak: 'break-all' }}
      >
        {run.command}
      </Box>
      <RunOutput stream="stdout" text={run.stdout} defaultOpen={false} />
      <RunOutput stream="stderr" text={run.stderr} defaultOpen={failed} />
    </Box>
  );
}
