import TaskAltIcon from '@mui/icons-material/TaskAlt';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { TaskView } from '../../../shared/model/task';
import {
  selectRunningCount,
  selectTaskList,
  taskPercent,
  useTasksStore,
} from '../stores/tasks-store';
import { useShallow } from 'zustand/react/shallow';

const STATE_WORDS: Record<TaskView['state'], string> = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** How many finished tasks the list shows below the running ones. */
const FINISHED_SHOWN = 5;

function TaskRow({ task }: { task: TaskView }) {
  const cancel = useTasksStore((s) => s.cancel);
  const percent = taskPercent(task);
  const where = [task.progress.hostName, task.progress.step].filter(Boolean).join(': ');
  return (
    <ListItem
      data-testid="task-row"
      data-task-id={task.id}
      data-task-kind={task.kind}
      data-task-state={task.state}
      sx={{ display: 'block', px: 2, py: 1 }}
      divider
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {task.title}
        </Typography>
        {task.state === 'running' && task.cancellable ? (
          <Button
            size="small"
            color="warning"
            onClick={() => void cancel(task.id)}
            data-testid="task-cancel"
          >
            Cancel
          </Button>
        ) : (
          <Typography
            variant="caption"
            color={task.state === 'failed' ? 'error' : 'text.secondary'}
            data-testid="task-state"
          >
            {STATE_WORDS[task.state]}
          </Typography>
        )}
      </Box>
      {task.state === 'running' && (
        <LinearProgress
          variant={percent === null ? 'indeterminate' : 'determinate'}
          {...(percent !== null && { value: percent })}
          aria-label={`${task.title}: progress`}
          sx={{ my: 0.5 }}
        />
      )}
      {where !== '' && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          data-testid="task-step"
        >
          {where}
        </Typography>
      )}
      {task.error !== null && task.state === 'failed' && (
        <Typography variant="caption" color="error" component="div">
          {task.error.code}: {task.error.message}
        </Typography>
      )}
    </ListItem>
  );
}

/**
 * The engine's long work (previews, drift checks, applies, drain waits, probes, commands) in
 * the shell: how many run, a progress bar each, and a cancel button where cancel can stop it.
 */
export function TasksIndicator() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const running = useTasksStore(selectRunningCount);
  const tasks = useTasksStore(useShallow(selectTaskList));
  const error = useTasksStore((s) => s.error);
  const shown = [
    ...tasks.filter((t) => t.state === 'running'),
    ...tasks.filter((t) => t.state !== 'running').slice(0, FINISHED_SHOWN),
  ];
  return (
    <>
      <Button
        onClick={(e) => setAnchor(e.currentTarget)}
        startIcon={
          <Badge badgeContent={running} color="primary">
            <TaskAltIcon />
          </Badge>
        }
        aria-haspopup="dialog"
        data-testid="tasks-button"
        sx={{ justifyContent: 'flex-start', px: 2, py: 1 }}
        fullWidth
      >
        Tasks
      </Button>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'top', horizontal: 'right' }}
        transformOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-label': 'Tasks',
            sx: { width: 380, maxHeight: 480 },
          },
        }}
      >
        <Box data-testid="tasks-panel">
          <Typography variant="subtitle1" component="h2" sx={{ px: 2, pt: 1.5, fontWeight: 700 }}>
            Tasks
          </Typography>
          {error !== null && (
            <Typography variant="body2" color="error" sx={{ px: 2 }}>
              {error.code}: {error.message}
            </Typography>
          )}
          {shown.length === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }}>
              No long work is running.
            </Typography>
          ) : (
            <List dense disablePadding>
              {shown.map((t) => (
                <TaskRow key={t.id} task={t} />
              ))}
            </List>
          )}
        </Box>
      </Popover>
    </>
  );
}
