import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useUiStore } from '../../stores/ui-store';
import { ClusterRouteFrame } from '../cluster/ClusterRouteFrame';
import { LbPage } from './LbPage';

/** The Load balancing entry: one cluster's VIPs, services, live status and drift. */
export function LbRoute({ clusterId }: { clusterId: string | null }) {
  const showCluster = useUiStore((s) => s.showCluster);
  return (
    <ClusterRouteFrame clusterId={clusterId}>
      {(view, clusters) =>
        view === undefined ? (
          <Paper variant="outlined" sx={{ p: 3 }} data-testid="lb-no-cluster">
            <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
              Load balancing
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              Load balancing runs on a cluster&apos;s manager: set up a cluster first.
            </Typography>
            <Button variant="contained" onClick={() => showCluster()}>
              Set up a cluster
            </Button>
          </Paper>
        ) : (
          <LbPage view={view} clusters={clusters} />
        )
      }
    </ClusterRouteFrame>
  );
}
