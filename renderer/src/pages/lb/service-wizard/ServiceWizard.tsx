import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { ClusterView } from '../../../../../shared/api/contract';
import { clusterVips } from '../../../../../shared/lb/cluster-lb';
import type { LbService } from '../../../../../shared/model/lb';
import { supportedSchedulers } from '../../../../../shared/lb/schedulers';
import { SaveButton } from '../../../components/SaveButton';
import { WizardStepper } from '../../../components/WizardStepper';
import { applyPreset, editServiceForm, formServices, newServiceForm } from '../../../lib/lb-form';
import {
  formErrors,
  SERVICE_STEPS,
  stepOfFormField,
  type FormField,
} from '../../../lib/lb-form-fields';
import { withServices } from '../../../lib/lb-model';
import { useHostsFacts } from '../../cluster/use-hosts-facts';
import { SaveProblems } from './SaveProblems';
import { StepCheck } from './StepCheck';
import { StepListen } from './StepListen';
import { StepPreset } from './StepPreset';
import { StepScheduling } from './StepScheduling';
import { StepServers } from './StepServers';
import { useServiceForm } from './use-service-form';

/** Props of {@link ServiceWizard}. */
export interface ServiceWizardProps {
  view: ClusterView;
  /** The service to edit; null adds one (or several, one per port). */
  editing: LbService | null;
  hostName: (id: string) => string;
  onClose: () => void;
}

const LAST = SERVICE_STEPS.length - 1;

/** Adds or edits a service step by step; saving stores the model, the engine validates it. */
export function ServiceWizard({ view, editing, hostName, onClose }: ServiceWizardProps) {
  const c = view.cluster;
  const { form, setForm, errors, error, saving, onChange, save } = useServiceForm(() =>
    editing === null ? newServiceForm(c) : editServiceForm(c, editing),
  );
  const [step, setStepNow] = useState(editing === null ? 0 : 1);
  // Once every step has been seen (or when editing), Save is offered on every step.
  const [seenAll, setSeenAll] = useState(editing !== null);
  const setStep = (i: number) => {
    setStepNow(i);
    if (i === LAST) setSeenAll(true);
  };
  const managerFacts = useHostsFacts()[c.manager.hostId] ?? null;
  const first = editing === null ? 0 : 1;
  const perStep = SERVICE_STEPS.map(
    (_l, i) =>
      (Object.keys(errors.byField) as FormField[]).filter((f) => stepOfFormField(f) === i).length,
  );

  const saveServices = async () => {
    const editId = editing?.id ?? null;
    const { cluster, indices } = withServices(c, formServices(c, form, editId), editId);
    const r = await save(cluster, (issues) => formErrors(issues, indices, form));
    if (r.saved) onClose();
    else if (r.errors.firstStep !== null) setStep(r.errors.firstStep);
  };
  const common = { form, errors, onChange };

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      fullWidth
      maxWidth="md"
      data-testid="service-wizard"
      data-step={step}
    >
      <DialogTitle>{editing === null ? 'Add service' : `Edit service ${editing.name}`}</DialogTitle>
      <DialogContent dividers>
        <WizardStepper
          steps={SERVICE_STEPS}
          active={step}
          problems={perStep}
          onSelect={setStep}
          testId="service-step"
          first={first}
        />
        <SaveProblems
          error={error}
          errors={errors}
          title="Saving the service"
          testId="service-other-issues"
        />
        {step === 0 && (
          <StepPreset value={form.preset} onPick={(p) => setForm((f) => applyPreset(c, f, p))} />
        )}
        {step === 1 && <StepListen {...common} vips={clusterVips(c)} single={editing !== null} />}
        {step === 2 && <StepScheduling {...common} supported={supportedSchedulers(managerFacts)} />}
        {step === 3 && <StepCheck {...common} />}
        {step === 4 && <StepServers {...common} cluster={c} hostName={hostName} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving} data-testid="service-cancel">
          Cancel
        </Button>
        <Button
          disabled={step === first || saving}
          onClick={() => setStep(step - 1)}
          data-testid="service-back"
        >
          Back
        </Button>
        {step < LAST && (
          <Button
            variant={seenAll ? 'text' : 'contained'}
            onClick={() => setStep(step + 1)}
            data-testid="service-next"
          >
            Next
          </Button>
        )}
        {seenAll && (
          <SaveButton saving={saving} onSave={() => void saveServices()} testId="service-save" />
        )}
      </DialogActions>
    </Dialog>
  );
}
