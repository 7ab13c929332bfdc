import { ClusterPage } from './ClusterPage';
import { ClusterRouteFrame } from './ClusterRouteFrame';
import { SetupWizard } from './setup/SetupWizard';
import { useSetupStore } from './setup/setup-store';

/** The Cluster entry: the setup wizard while there is no cluster (or one is being set up). */
export function ClusterRoute({ clusterId }: { clusterId: string | null }) {
  const setupActive = useSetupStore((s) => s.active);
  return (
    <ClusterRouteFrame clusterId={clusterId}>
      {(view, clusters) =>
        setupActive || view === undefined ? (
          <SetupWizard canCancel={clusters.length > 0} />
        ) : (
          <ClusterPage view={view} clusters={clusters} />
        )
      }
    </ClusterRouteFrame>
  );
}
