import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { hostLbDowns } from '../../../../shared/lb/node-health';
import { useClustersStore } from '../../stores/clusters-store';
import { useLbStatusStore } from '../../stores/lb-status-store';
import { useLbStatusPolling } from './use-lb-status';

/**
 * A host's real servers that keepalived holds out (their check fails), from the latest live
 * status reading of `clusterId`: "down" with keepalived's reason per service. Nothing when none
 * is down or no reading of that cluster is there (the LB page and the node rows poll it).
 */
export function HostLbHealth({ clusterId, hostId }: { clusterId: string; hostId: string }) {
  const last = useLbStatusStore((s) => (s.clusterId === clusterId ? s.last : null));
  const downs = hostLbDowns(last, hostId);
  if (downs.length === 0) return null;
  return (
    <Stack spacing={0.25} sx={{ mt: 0.5 }} data-testid="host-lb-down">
      {downs.map((d) => (
        <Stack key={`${d.service}:${d.server}`} direction="row" spacing={0.5}>
          <Tooltip title={`${d.server} in ${d.service}`}>
            <Chip size="small" color="error" label={`${d.service} down`} />
          </Tooltip>
          <Typography variant="body2" color="error.dark" data-testid="host-lb-down-reason">
            {d.text.replace(/^down: /, '')}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}

/** Reads the live LB status of a cluster while mounted. */
export function LbStatusPolling({ clusterId }: { clusterId: string }) {
  useLbStatusPolling(clusterId);
  return null;
}

/**
 * {@link HostLbHealth} for a host wherever it serves: the applied cluster whose services it
 * serves (as a node or as the manager). The row of that cluster's manager polls the status,
 * so one reader runs per page, however many rows show.
 */
export function HostLbHealthOfHost({ hostId }: { hostId: string }) {
  const cluster = useClustersStore((s) =>
    s.clusters.find(
      (v) =>
        v.applied !== null &&
        v.cluster.services.length > 0 &&
        (v.cluster.manager.hostId === hostId || v.cluster.nodes.some((n) => n.hostId === hostId)),
    ),
  );
  if (cluster === undefined) return null;
  const c = cluster.cluster;
  return (
    <>
      {c.manager.hostId === hostId && <LbStatusPolling clusterId={c.id} />}
      <HostLbHealth clusterId={c.id} hostId={hostId} />
    </>
  );
}
