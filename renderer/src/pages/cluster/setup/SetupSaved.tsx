import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../../shared/api/contract';
import { useClusterPlan } from '../../../flows/cluster-plan';
import { useUiStore } from '../../../stores/ui-store';
import { IssuesAlert } from '../IssuesAlert';
import { useSetupStore } from './setup-store';

/** The wizard's end: the model is saved; preview the plan, or go to the cluster page. */
export function SetupSaved({ view }: { view: ClusterView }) {
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
          <Alert severity="success" data-testid="setup-saved">
            The desired model of <strong>{view.cluster.name}</strong> is saved. Nothing has changed
            on the hosts yet: preview the plan to see every command and file, then apply it.
          </Alert>
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
