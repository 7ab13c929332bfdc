import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { closeSnapshot, useSnapshotMode } from '../../snapshot';
import { ClusterRouteFrame } from '../cluster/ClusterRouteFrame';
import { SnapshotsPage } from './SnapshotsPage';

/**
 * A cluster's Snapshots page. While a snapshot is open the app shows that snapshot, which keeps
 * no snapshots of its own: the page says so and offers to go back to the live cluster.
 */
export function SnapshotsRoute({ clusterId }: { clusterId: string }) {
  const open = useSnapshotMode();
  if (open !== null) {
    return (
      <Paper variant="outlined" sx={{ p: 3 }} data-testid="snapshots-read-only">
        <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
          Snapshots
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          The app shows the snapshot {open.fileName}. The kept snapshots are the live
          cluster&apos;s: close the snapshot to see them.
        </Typography>
        <Button variant="contained" onClick={() => void closeSnapshot()}>
          Close the snapshot
        </Button>
      </Paper>
    );
  }
  return (
    <ClusterRouteFrame clusterId={clusterId}>
      {(view) => (view === undefined ? null : <SnapshotsPage key={clusterId} view={view} />)}
    </ClusterRouteFrame>
  );
}
