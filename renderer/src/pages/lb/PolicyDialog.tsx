import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../shared/api/contract';
import { supportedSchedulers } from '../../../../shared/lb/schedulers';
import { SaveButton } from '../../components/SaveButton';
import { newServiceForm } from '../../lib/lb-form';
import { formPolicy, policyErrors, withLbPolicy } from '../../lib/lb-policy';
import { useHostsFacts } from '../cluster/use-hosts-facts';
import { SaveProblems } from './service-wizard/SaveProblems';
import { StepCheck } from './service-wizard/StepCheck';
import { StepScheduling } from './service-wizard/StepScheduling';
import { useServiceForm } from './service-wizard/use-service-form';

/**
 * Edits the cluster's default policy with the service wizard's scheduling and check steps;
 * saving changes the desired model only, and no existing service.
 */
export function PolicyDialog({ view, onClose }: { view: ClusterView; onClose: () => void }) {
  const c = view.cluster;
  const { form, errors, error, saving, onChange, save } = useServiceForm(() => newServiceForm(c));
  const managerFacts = useHostsFacts()[c.manager.hostId] ?? null;

  const savePolicy = async () => {
    const r = await save(withLbPolicy(c, formPolicy(form)), (issues) => policyErrors(issues, form));
    if (r.saved) onClose();
  };
  const common = { form, errors, onChange, forPolicy: true };

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      fullWidth
      maxWidth="md"
      data-testid="policy-dialog"
    >
      <DialogTitle>Default policy for new services</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Alert severity="info" data-testid="policy-scope">
            New services start from this policy (the wizard can still change every value). Existing
            services keep their own settings: edit them one by one to change them.
          </Alert>
          <SaveProblems
            error={error}
            errors={errors}
            title="Saving the default policy"
            testId="policy-other-issues"
          />
          <Typography variant="subtitle1" component="h3">
            Scheduling
          </Typography>
          <StepScheduling {...common} supported={supportedSchedulers(managerFacts)} />
          <Typography variant="subtitle1" component="h3">
            Health check
          </Typography>
          <StepCheck {...common} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving} data-testid="policy-cancel">
          Cancel
        </Button>
        <SaveButton saving={saving} onSave={() => void savePolicy()} testId="policy-save" />
      </DialogActions>
    </Dialog>
  );
}
