import PreviewIcon from '@mui/icons-material/Preview';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../shared/api/contract';
import { ClusterSelect } from '../../components/ClusterSelect';
import { LastApplyAlert } from '../../components/LastApplyAlert';
import { useClusterPlan } from '../../flows/cluster-plan';
import { hasUnapplied } from '../../lib/cluster-model';
import { useUiStore } from '../../stores/ui-store';
import { Writable } from '../../snapshot';

/** The page title, the cluster picker and "Review & apply" (the cluster's plan flow). */
export function LbHeader({ view, clusters }: { view: ClusterView; clusters: ClusterView[] }) {
  const c = view.cluster;
  const preview = useClusterPlan((s) => s.preview);
  const showLoadBalancing = useUiStore((s) => s.showLoadBalancing);
  const unapplied = hasUnapplied(view);
  return (
    <Stack spacing={1.5}>
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1}
        sx={{ justifyContent: 'space-between' }}
      >
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Box>
            <Typography variant="h5" component="h1">
              Load balancing
            </Typography>
            <Typography color="text.secondary" data-testid="lb-cluster-name">
              Cluster {c.name}: LVS services that keepalived runs on the manager
            </Typography>
          </Box>
          <ClusterSelect
            clusters={clusters}
            value={c.id}
            onChange={showLoadBalancing}
            testId="lb-cluster-select"
          />
        </Stack>
        <Box>
          <Writable>
            <Button
              variant={unapplied ? 'contained' : 'outlined'}
              startIcon={<PreviewIcon />}
              onClick={() => void preview(c.id)}
              data-testid="lb-review-apply"
            >
              Review &amp; apply
            </Button>
          </Writable>
        </Box>
      </Stack>
      {unapplied && (
        <Alert severity="info" data-testid="lb-unapplied">
          Saving changes only the desired model. Review the plan to see what changes on the hosts
          (keepalived.conf, VIPs, real-server settings), then apply it.
        </Alert>
      )}
      <LastApplyAlert clusterId={c.id} testId="lb-last-apply" />
    </Stack>
  );
}
