import Stack from '@mui/material/Stack';
import type { ClusterView } from '../../../../shared/api/contract';
import { isLbField } from '../../lib/lb-model';
import { IssuesAlert } from '../cluster/IssuesAlert';
import { DefaultPolicySection } from './DefaultPolicySection';
import { DriftSection } from './DriftSection';
import { LbHeader } from './LbHeader';
import { LiveStatusSection } from './LiveStatusSection';
import { NodeModesSection } from './NodeModesSection';
import { ServicesSection } from './ServicesSection';
import { VipsSection } from './VipsSection';

/** One cluster's load balancing: the model (VIPs, services, policy), live view and operations. */
export function LbPage({ view, clusters }: { view: ClusterView; clusters: ClusterView[] }) {
  const id = view.cluster.id;
  return (
    <Stack spacing={2} data-testid="lb-page" data-cluster-id={id}>
      <LbHeader view={view} clusters={clusters} />
      <IssuesAlert issues={view.issues.filter((i) => isLbField(i.field))} />
      <VipsSection view={view} />
      <ServicesSection view={view} />
      <DefaultPolicySection view={view} />
      <LiveStatusSection key={id} view={view} />
      <NodeModesSection view={view} />
      <DriftSection view={view} />
    </Stack>
  );
}
