import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { taskPercent, useTasksStore } from '../../stores/tasks-store';
import type { Taking } from './snapshots-store';

/** The snapshot being taken: its task's progress (hosts read of all) and a Cancel. */
export function TakeProgress({ taking }: { taking: Taking }) {
  const task = useTasksStore((s) => s.byId[taking.taskId]);
  const cancel = useTasksStore((s) => s.cancel);
  const percent = task === undefined ? null : taskPercent(task);
  const where = [task?.progress.hostName, task?.progress.step].filter(Boolean).join(': ');
  const what =
    taking.purpose === 'compare'
      ? 'Taking a snapshot of the cluster now to compare with…'
      : 'Taking a snapshot: reading every host…';
  return (
    <Box data-testid="snapshot-progress" role="status">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flexGrow: 1 }}>
          {what}
          {task !== undefined && task.progress.total !== null
            ? ` ${task.progress.done} of ${task.progress.total}`
            : ''}
        </Typography>
        {task?.state === 'running' && task.cancellable && (
          <Button
            size="small"
            color="warning"
            onClick={() => void cancel(taking.taskId)}
            data-testid="snapshot-take-cancel"
          >
            Cancel
          </Button>
        )}
      </Stack>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        {...(percent !== null && { value: percent })}
        aria-label="Snapshot progress"
        sx={{ my: 0.5 }}
      />
      {where !== '' && (
        <Typography variant="caption" color="text.secondary" data-testid="snapshot-progress-step">
          {where}
        </Typography>
      )}
    </Box>
  );
}
