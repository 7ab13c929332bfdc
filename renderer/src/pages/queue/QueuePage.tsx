import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConnectionStore } from '../../stores/connection-store';
import { useHostsStore } from '../../stores/hosts-store';
import { useQueueStore } from '../../stores/queue-store';
import { useUiStore } from '../../stores/ui-store';
import { HostQueueCard } from './HostQueueCard';
import { QueueApplyNotice } from './QueueApplyNotice';
import { sortQueues } from './queue-logic';

/** Every host's command queue: what runs, what failed and why, and what comes next. */
export function QueuePage() {
  const byHost = useQueueStore((s) => s.byHost);
  const hydrated = useQueueStore((s) => s.hydrated);
  const error = useQueueStore((s) => s.error);
  const refresh = useQueueStore((s) => s.refresh);
  const hosts = useHostsStore((s) => s.hosts);
  const linkUp = useConnectionStore((s) => s.status === 'connected');
  const page = useUiStore((s) => s.page);
  const selectedHost = page.kind === 'queue' ? page.hostId : undefined;
  const selectedItem = page.kind === 'queue' ? page.itemId : undefined;

  const names = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const nameOf = (hostId: string) => names.get(hostId) ?? hostId;
  // A host whose queue never held anything (or lost its history) has nothing to show.
  const shown = Object.values(byHost).filter((v) => v.status !== 'idle' || v.items.length > 0);
  const queues = sortQueues(shown, nameOf);

  return (
    <Stack spacing={2} data-testid="queue-page">
      <Typography variant="h5" component="h1">
        Queue
      </Typography>
      {error !== null && linkUp && (
        <ErrorAlert
          error={error}
          title="Loading the queues"
          action={
            <Button color="inherit" size="small" onClick={() => void refresh()}>
              Retry
            </Button>
          }
        />
      )}
      <QueueApplyNotice views={queues} nameOf={nameOf} />
      {!hydrated && error === null && <Typography color="text.secondary">Loading…</Typography>}
      {hydrated && queues.length === 0 && (
        <Paper variant="outlined" data-testid="queue-empty" sx={{ p: 4, textAlign: 'center' }}>
          <Typography>No queued work</Typography>
          <Typography variant="body2" color="text.secondary">
            Changes applied to the cluster are run here, step by step on each host.
          </Typography>
        </Paper>
      )}
      {hydrated && selectedHost !== undefined && !queues.some((v) => v.hostId === selectedHost) && (
        <Typography color="text.secondary" data-testid="queue-selected-none">
          {nameOf(selectedHost)} has no queued work to show.
        </Typography>
      )}
      {queues.map((view) => (
        <HostQueueCard
          key={view.hostId}
          view={view}
          hostName={nameOf(view.hostId)}
          nameOf={nameOf}
          selected={view.hostId === selectedHost}
          selectedItemId={view.hostId === selectedHost ? selectedItem : undefined}
        />
      ))}
    </Stack>
  );
}
