import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ClustersNotLoaded } from '../../components/ClustersNotLoaded';
import { RouteLink } from '../../components/RouteLink';
import { queueActivity } from '../../lib/queue-activity';
import { useClustersStore } from '../../stores/clusters-store';
import { useHostsStore } from '../../stores/hosts-store';
import { useQueueStore } from '../../stores/queue-store';
import { ClusterHealthCard } from './ClusterHealthCard';
import { clusterHealth, hostsSummary } from './overview-logic';
import { useAuditLog, useLbReadings } from './use-overview-data';

/** Every host: how many there are, connected and failing, each figure a link to the list. */
function HostsSummary() {
  const hosts = useHostsStore((s) => s.hosts);
  const sum = hostsSummary(hosts);
  return (
    <Typography data-testid="overview-hosts-summary">
      <RouteLink to={{ kind: 'hosts' }} data-testid="overview-hosts-total">
        {sum.total} host{sum.total === 1 ? '' : 's'}
      </RouteLink>
      {sum.total > 0 && `: ${sum.connected} connected`}
      {sum.failing > 0 && `, ${sum.failing} failing`}
    </Typography>
  );
}

/** With no cluster yet: where the admin stands and the one next step. */
function NoCluster() {
  const hostCount = useHostsStore((s) => s.hosts.length);
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid="overview-no-cluster">
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        No cluster yet
      </Typography>
      {hostCount === 0 ? (
        <>
          <Typography sx={{ mb: 2 }}>
            A cluster is built from hosts you reach over SSH: a manager, web nodes and storage. Add
            your hosts first.
          </Typography>
          <Button variant="contained" href="#/hosts" data-testid="overview-next-step">
            Add your hosts
          </Button>
        </>
      ) : (
        <>
          <Typography sx={{ mb: 2 }}>
            Your hosts are added. The setup wizard lays out the cluster on them.
          </Typography>
          <Button variant="contained" href="#/clusters" data-testid="overview-next-step">
            Set up a cluster
          </Button>
        </>
      )}
    </Paper>
  );
}

/** The landing page: each cluster's health (hosts, services, queues, last apply). */
export function OverviewPage() {
  const clusters = useClustersStore((s) => s.clusters);
  const hydrated = useClustersStore((s) => s.hydrated);
  const lastApply = useClustersStore((s) => s.lastApply);
  const hosts = useHostsStore((s) => s.hosts);
  const byHost = useQueueStore((s) => s.byHost);
  const queuesRead = useQueueStore((s) => s.hydrated);
  const readings = useLbReadings(
    clusters.filter((c) => c.cluster.services.length > 0).map((c) => c.cluster.id),
  );
  // The log is read again whenever an apply may have been queued, moved or ended.
  const activity = queueActivity(byHost);
  const audit = useAuditLog(
    [
      lastApply?.applyId ?? '',
      activity.running.join(','),
      activity.halted.join(','),
      ...clusters.map((c) => c.updatedAt),
    ].join('|'),
  );

  let body;
  if (!hydrated) {
    body = <ClustersNotLoaded />;
  } else if (clusters.length === 0) {
    body = <NoCluster />;
  } else {
    body = clusters.map((view) => (
      <ClusterHealthCard
        key={view.cluster.id}
        health={clusterHealth(view, {
          hosts,
          queues: queuesRead ? byHost : null,
          lb: readings[view.cluster.id],
          audit,
        })}
      />
    ));
  }

  return (
    <Stack spacing={2} data-testid="overview-page">
      <Typography variant="h5" component="h1">
        Overview
      </Typography>
      <HostsSummary />
      {body}
    </Stack>
  );
}
