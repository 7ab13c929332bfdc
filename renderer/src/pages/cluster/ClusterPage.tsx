import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { ClusterView } from '../../../../shared/api/contract';
import { LastApplyAlert } from '../../components/LastApplyAlert';
import { useClusterPlan } from '../../flows/cluster-plan';
import { hasUnapplied } from '../../lib/cluster-model';
import { Writable } from '../../snapshot';
import { AccountsSection } from './AccountsSection';
import { ClusterHeader } from './ClusterHeader';
import { IssuesAlert } from './IssuesAlert';
import { NodesSection } from './NodesSection';
import { SettingsSection } from './SettingsSection';

/** One cluster: what it is, its nodes, accounts and settings; every edit saves the model. */
export function ClusterPage({ view, clusters }: { view: ClusterView; clusters: ClusterView[] }) {
  const preview = useClusterPlan((s) => s.preview);
  const id = view.cluster.id;
  return (
    <Stack spacing={2} data-testid="cluster-page" data-cluster-id={id}>
      <ClusterHeader view={view} clusters={clusters} />
      {hasUnapplied(view) && (
        <Alert
          severity="info"
          data-testid="cluster-unapplied"
          action={
            <Writable>
              <Button color="inherit" size="small" onClick={() => void preview(id)}>
                Preview plan
              </Button>
            </Writable>
          }
        >
          {view.applied === null
            ? 'The cluster has not been applied to the hosts yet.'
            : 'The model has changes that are not applied yet.'}{' '}
          Preview the plan to see what will change, then apply it.
        </Alert>
      )}
      <LastApplyAlert clusterId={id} testId="cluster-last-apply" />
      <IssuesAlert issues={view.issues} />
      <NodesSection view={view} />
      <AccountsSection view={view} />
      <SettingsSection view={view} />
    </Stack>
  );
}
