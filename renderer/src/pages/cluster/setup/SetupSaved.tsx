import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../../shared/api/contract';
import { hasUnapplied } from '../../../../../shared/model/cluster-summary';
import { useClusterPlan } from '../../../flows/cluster-plan';
import { useClustersStore } from '../../../stores/clusters-store';
import { useUiStore } from '../../../stores/ui-store';
import { IssuesAlert } from '../IssuesAlert';
import { useSetupStore } from './setup-store';

/**
 * The wizard's end: the model is saved; preview the plan, or go to the cluster page. What it
 * says about the hosts comes from the cluster as it is now (an apply may have run since the
 * save), never from the moment of saving.
 */
export function SetupSaved({ view: saved }: { view: ClusterView }) {
  const view =
    useClustersStore((s) => s.clusters.find((c) => c.cluster.id === saved.cluster.id)) ?? saved;
  const preview = useClusterPlan((s) => s.preview);
  const reset = useSetupStore((s) => s.reset);
  const showCluster = useUiStore((s) => s.showCluster);
  const id = view.cluster.id;
  return (
    <Stack spacing={2} data-testid="cluster-setup" data-step="saved">
      <Typography variant="h5" component="h1">
        Cluster {view.cluster.name} saved
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={2}>
          {view.applied === null ? (
            <Alert severity="success" data-testid="setup-saved" data-applied="none">
              The desired model of <strong>{view.cluster.name}</strong> is saved. Nothing has
              changed on the hosts yet: preview the plan to see every command and file, then apply
              it.
            </Alert>
          ) : hasUnapplied(view) ? (
            <Alert severity="info" data-testid="setup-saved" data-applied="partly">
              The model of <strong>{view.cluster.name}</strong> was applied to the hosts; later
              changes are saved but not applied yet: preview the plan to apply them.
            </Alert>
          ) : (
            <Alert severity="success" data-testid="setup-saved" data-applied="all">
              The model of <strong>{view.cluster.name}</strong> is applied: the hosts have it.
            </Alert>
          )}
          <IssuesAlert issues={view.issues} />
          <Stack direction="row" spacing={1}>
            <Button
              variant="contained"
              onClick={() => void preview(id)}
              data-testid="cluster-preview"
            >
              Preview plan
            </Button>
            <Button
              onClick={() => {
                reset();
                showCluster(id);
              }}
              data-testid="setup-open-cluster"
            >
              Open the cluster page
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}
