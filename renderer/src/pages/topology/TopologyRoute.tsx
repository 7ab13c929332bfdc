import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useUiStore } from '../../stores/ui-store';
import { ClusterRouteFrame } from '../cluster/ClusterRouteFrame';
import { TopologyPage } from './TopologyPage';

/** The Topology entry: one cluster drawn as it is, with its live state. */
export function TopologyRoute({ clusterId }: { clusterId: string | null }) {
  const showCluster = useUiStore((s) => s.showCluster);
  return (
    <ClusterRouteFrame clusterId={clusterId}>
      {(view, clusters) =>
        view === undefined ? (
          <Paper variant="outlined" sx={{ p: 3 }} data-testid="topology-no-cluster">
            <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
              Topology
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              The topology draws a cluster: set up a cluster first.
            </Typography>
            <Button variant="contained" onClick={() => showCluster()}>
              Set up a cluster
            </Button>
          </Paper>
        ) : (
          <TopologyPage key={view.cluster.id} view={view} clusters={clusters} />
        )
      }
    </ClusterRouteFrame>
  );
}
