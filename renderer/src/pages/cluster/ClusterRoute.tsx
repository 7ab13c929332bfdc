import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClustersStore } from '../../stores/clusters-store';
import { ClusterPage } from './ClusterPage';
import { ClusterPlanDialog } from './ClusterPlanDialog';
import { SetupWizard } from './setup/SetupWizard';
import { useSetupStore } from './setup/setup-store';

/** The Cluster entry: the setup wizard while there is no cluster (or one is being set up). */
export function ClusterRoute({ clusterId }: { clusterId: string | null }) {
  const clusters = useClustersStore((s) => s.clusters);
  const hydrated = useClustersStore((s) => s.hydrated);
  const error = useClustersStore((s) => s.error);
  const refresh = useClustersStore((s) => s.refresh);
  const setupActive = useSetupStore((s) => s.active);
  const view = clusters.find((c) => c.cluster.id === clusterId) ?? clusters[0];

  let body;
  if (!hydrated) {
    body =
      error === null ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <CircularProgress size={18} />
          <Typography>Loading the clusters…</Typography>
        </Stack>
      ) : (
        <ErrorAlert
          error={error}
          title="Loading the clusters"
          action={
            <Button color="inherit" size="small" onClick={() => void refresh()}>
              Retry
            </Button>
          }
        />
      );
  } else if (setupActive || view === undefined) {
    body = <SetupWizard canCancel={clusters.length > 0} />;
  } else {
    body = <ClusterPage view={view} clusters={clusters} />;
  }
  return (
    <>
      {body}
      <ClusterPlanDialog />
    </>
  );
}
