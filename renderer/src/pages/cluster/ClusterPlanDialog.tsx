import Alert from '@mui/material/Alert';
import { PlanPreviewDialog } from '../../components/plan/PlanPreviewDialog';
import { useClusterPlan } from '../../flows/cluster-plan';

/** The plan preview of the cluster flow: made on open, applied by hash, re-made on CONFLICT. */
export function ClusterPlanDialog() {
  const s = useClusterPlan();
  const notice = (
    <>
      {s.full && (
        <Alert severity="info" data-testid="plan-full-note">
          Re-check: every step of the cluster is listed; on the hosts, each step&apos;s check
          decides whether it still has to run.
        </Alert>
      )}
      {s.note !== null && (
        <Alert severity="warning" data-testid="plan-conflict-note">
          {s.note}
        </Alert>
      )}
    </>
  );
  return (
    <PlanPreviewDialog
      open={s.open}
      plan={s.plan}
      busy={s.applying}
      error={s.error}
      notice={notice}
      onApply={() => void s.apply()}
      onClose={s.close}
    />
  );
}
