import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { RouteLink } from '../../components/RouteLink';
import { formatTime } from '../../lib/format';
import type { ClusterHealth, HostRef, LastApply, QueueHealth } from './overview-logic';

/** One figure of a cluster: a heading and what it says. */
function Figure({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Stack spacing={0.5} sx={{ flex: '1 1 200px', minWidth: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h3" color="text.secondary">
        {title}
      </Typography>
      {children}
    </Stack>
  );
}

/** Hosts named with links to their queue (or their page). */
function HostLinks({ hosts, queue }: { hosts: HostRef[]; queue: boolean }) {
  return (
    <>
      {hosts.map((h, i) => (
        <span key={h.hostId}>
          {i > 0 && ', '}
          <RouteLink
            to={queue ? { kind: 'queue', hostId: h.hostId } : { kind: 'host', hostId: h.hostId }}
          >
            {h.name}
          </RouteLink>
        </span>
      ))}
    </>
  );
}

function QueueText({ queue }: { queue: QueueHealth }) {
  switch (queue.state) {
    case 'unknown':
      return <Typography color="text.secondary">Not read yet</Typography>;
    case 'idle':
      return (
        <Typography>
          <RouteLink to={{ kind: 'queue' }}>Idle</RouteLink>: nothing to run
        </Typography>
      );
    case 'running':
      return (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <CircularProgress size={14} aria-hidden />
          <Typography>
            <RouteLink to={{ kind: 'queue' }}>Running</RouteLink> on{' '}
            <HostLinks hosts={queue.hosts} queue />, {queue.pending} step
            {queue.pending === 1 ? '' : 's'} to go
          </Typography>
        </Stack>
      );
    case 'halted':
      return (
        <Typography color="error">
          <RouteLink to={{ kind: 'queue' }} color="error">
            Halted
          </RouteLink>{' '}
          on <HostLinks hosts={queue.hosts} queue />: a step failed
        </Typography>
      );
  }
}

const RESULT_TEXT = { ok: 'finished', cancelled: 'was cancelled', error: 'ended with errors' };

function LastApplyText({ apply }: { apply: LastApply }) {
  switch (apply.state) {
    case 'unknown':
      return <Typography color="text.secondary">Cannot tell: {apply.reason}</Typography>;
    case 'none':
      return (
        <Typography color="text.secondary">
          {apply.appliedBefore
            ? 'Applied, but not within the recent audit log'
            : 'Never applied: nothing has changed on the hosts yet'}
        </Typography>
      );
    case 'open':
      return (
        <Typography>
          <RouteLink to={{ kind: 'queue' }}>{apply.title}</RouteLink>, queued{' '}
          {formatTime(apply.queuedAt)}, not finished
        </Typography>
      );
    case 'finished':
      return (
        <Typography {...(apply.result === 'ok' ? {} : { color: 'error' })}>
          <RouteLink to={{ kind: 'queue' }} color="inherit">
            {apply.title}
          </RouteLink>{' '}
          {RESULT_TEXT[apply.result]} {formatTime(apply.finishedAt)}
        </Typography>
      );
  }
}

/** One cluster on the overview: hosts, services, queues and the last apply, each linked. */
export function ClusterHealthCard({ health }: { health: ClusterHealth }) {
  const { clusterId, hosts, services } = health;
  const lb = { kind: 'lb', clusterId } as const;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-label={`Cluster ${health.name}`}
      data-testid="overview-cluster"
      data-cluster-id={clusterId}
    >
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        <RouteLink to={{ kind: 'cluster', clusterId }} data-testid="overview-cluster-link">
          {health.name}
        </RouteLink>
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 3 }}>
        <Figure title="Hosts" testId="overview-hosts">
          <Typography>
            <RouteLink to={{ kind: 'hosts' }} data-testid="overview-hosts-connected">
              {hosts.connected} of {hosts.total}
            </RouteLink>{' '}
            connected
          </Typography>
          {hosts.notConnected.map((h) => (
            <Typography key={h.hostId} variant="body2" data-testid="overview-host-down">
              <RouteLink to={{ kind: 'host', hostId: h.hostId }}>{h.name}</RouteLink>:{' '}
              {h.state === 'missing' ? 'no longer in the host list' : h.state}
            </Typography>
          ))}
        </Figure>
        <Figure title="Services" testId="overview-services">
          <Typography>
            <RouteLink to={lb} data-testid="overview-services-total">
              {services.total} service{services.total === 1 ? '' : 's'}
            </RouteLink>
          </Typography>
          {services.down !== null && services.total > 0 && (
            <Typography
              variant="body2"
              data-testid="overview-services-down"
              data-down={services.down}
              {...(services.down > 0 ? { color: 'error' } : {})}
            >
              <RouteLink to={lb} color="inherit">
                {services.down === 0
                  ? 'every real server up'
                  : `${services.down} with a real server down`}
              </RouteLink>
            </Typography>
          )}
          {services.absent !== null && services.absent > 0 && (
            <Typography variant="body2">
              <RouteLink to={lb}>{services.absent} not in the load balancer yet</RouteLink>
            </Typography>
          )}
          {services.unreadable !== null && (
            <Typography
              variant="body2"
              color="text.secondary"
              data-testid="overview-services-unread"
            >
              Live state unknown: {services.unreadable}
            </Typography>
          )}
        </Figure>
        <Figure title="Queue" testId="overview-queue">
          <div data-testid="overview-queue-state" data-state={health.queue.state}>
            <QueueText queue={health.queue} />
          </div>
        </Figure>
        <Figure title="Last apply" testId="overview-last-apply">
          <div data-testid="overview-last-apply-state" data-state={health.lastApply.state}>
            <LastApplyText apply={health.lastApply} />
          </div>
        </Figure>
      </Stack>
    </Paper>
  );
}
