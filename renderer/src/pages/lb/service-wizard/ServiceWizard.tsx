import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { ClusterView } from '../../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../../shared/api/errors';
import { clusterVips } from '../../../../../shared/lb/cluster-lb';
import type { LbService } from '../../../../../shared/lb/model';
import { supportedSchedulers } from '../../../../../shared/lb/schedulers';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { WizardStepper } from '../../../components/WizardStepper';
import { saveCluster } from '../../../flows/cluster-actions';
import {
  applyPreset,
  editServiceForm,
  formServices,
  newServiceForm,
  type ServiceForm,
} from '../../../lib/lb-form';
import {
  clearFields,
  formErrors,
  NO_ERRORS,
  SERVICE_STEPS,
  stepOfFormField,
  type FormErrors,
  type FormField,
} from '../../../lib/lb-form-fields';
import { withServices } from '../../../lib/lb-model';
import { useHostsFacts } from '../../cluster/use-hosts-facts';
import { StepCheck } from './StepCheck';
import { StepListen } from './StepListen';
import { StepPreset } from './StepPreset';
import { StepScheduling } from './StepScheduling';
import { StepServers } from './StepServers';

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
  const [form, setForm] = useState<ServiceForm>(() =>
    editing === null ? newServiceForm(c) : editServiceForm(c, editing),
  );
  const [step, setStepNow] = useState(editing === null ? 0 : 1);
  // Once every step has been seen (or when editing), Save is offered on every step.
  const [seenAll, setSeenAll] = useState(editing !== null);
  const setStep = (i: number) => {
    setStepNow(i);
    if (i === LAST) setSeenAll(true);
  };
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const managerFacts = useHostsFacts()[c.manager.hostId] ?? null;
  const first = editing === null ? 0 : 1;
  const perStep = SERVICE_STEPS.map(
    (_l, i) =>
      (Object.keys(errors.byField) as FormField[]).filter((f) => stepOfFormField(f) === i).length,
  );

  const onChange = (patch: Partial<ServiceForm>, fields: FormField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => clearFields(e, fields));
    setError(null);
  };
  const save = async () => {
    setSaving(true);
    const editId = editing?.id ?? null;
    const { cluster, indices } = withServices(c, formServices(c, form, editId), editId);
    const r = await saveCluster(cluster);
    setSaving(false);
    if (r.ok) {
      onClose();
      return;
    }
    if (r.issues.length === 0) {
      setError(r.error);
      return;
    }
    const e = formErrors(r.issues, indices, form);
    setErrors(e);
    if (e.firstStep !== null) setStep(e.firstStep);
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
        {error !== null && <ErrorAlert error={error} title="Saving the service" />}
        {errors.other.length > 0 && (
          <Alert severity="error" data-testid="service-other-issues" sx={{ mb: 2 }}>
            <AlertTitle>The model has other problems</AlertTitle>
            {errors.other.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        )}
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
          <Button
            variant="contained"
            disabled={saving}
            onClick={() => void save()}
            data-testid="service-save"
            startIcon={saving ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            Save
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
