import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { WizardStepper } from '../../../components/WizardStepper';
import { recommendLayout } from '../../../lib/cluster-address';
import {
  issuesPerStep,
  messagesByField,
  REVIEW_STEP,
  SETUP_STEPS,
} from '../../../lib/cluster-fields';
import { useHostsStore } from '../../../stores/hosts-store';
import { useHostsFacts } from '../use-hosts-facts';
import { SetupSaved } from './SetupSaved';
import { useSetupStore } from './setup-store';
import { StepManager } from './StepManager';
import { StepNameLayout } from './StepNameLayout';
import { StepNodes } from './StepNodes';
import { StepReview } from './StepReview';
import { StepStorage } from './StepStorage';

/** The first-time setup of a cluster, step by step; saving stores the model only. */
export function SetupWizard({ canCancel }: { canCancel: boolean }) {
  const s = useSetupStore();
  const hosts = useHostsStore((st) => st.hosts);
  const facts = useHostsFacts();
  const errors = messagesByField(s.issues);
  const perStep = issuesPerStep(s.issues);
  const probed = Object.values(facts).filter((f) => f !== null);
  const common = { draft: s.draft, errors, hosts, facts, onChange: s.patch };
  const recommended = recommendLayout(probed);
  const { layout, layoutChosen } = s.draft;
  const patch = s.patch;
  // Until the admin picks one, the layout is the one the probed hosts' networks suggest.
  useEffect(() => {
    if (recommended !== null && layoutChosen !== true && layout !== recommended)
      patch({ layout: recommended }, []);
  }, [recommended, layout, layoutChosen, patch]);

  if (s.saved !== null) return <SetupSaved view={s.saved} />;

  return (
    <Stack spacing={2} data-testid="cluster-setup" data-step={s.step}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Box>
          <Typography variant="h5" component="h1">
            Set up a cluster
          </Typography>
          <Typography color="text.secondary">
            A manager that balances the load and holds the shared storage, and web nodes that mount
            it. Nothing runs on the hosts until you review and apply the plan.
          </Typography>
        </Box>
        {canCancel && (
          <Button onClick={s.reset} data-testid="setup-cancel">
            Cancel
          </Button>
        )}
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <WizardStepper
          steps={SETUP_STEPS}
          active={s.step}
          problems={perStep}
          onSelect={(step) => void s.goTo(step)}
          testId="setup-step"
        />
        {s.error !== null && (
          <ErrorAlert
            error={s.error}
            title={s.step === REVIEW_STEP ? 'Saving the cluster' : 'Checking this step'}
          />
        )}
        {s.step === 0 && <StepNameLayout {...common} recommended={recommended} />}
        {s.step === 1 && <StepManager {...common} />}
        {s.step === 2 && <StepStorage {...common} />}
        {s.step === 3 && <StepNodes {...common} onRemove={s.removeNode} />}
        {s.step === REVIEW_STEP && (
          <StepReview
            draft={s.draft}
            issues={s.issues}
            hosts={hosts}
            onGoTo={(step) => void s.goTo(step)}
          />
        )}
        <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'flex-end' }}>
          <Button
            disabled={s.step === 0 || s.saving || s.checking}
            onClick={() => void s.goTo(s.step - 1)}
            data-testid="setup-back"
          >
            Back
          </Button>
          {s.step < REVIEW_STEP ? (
            <Button
              variant="contained"
              disabled={s.checking}
              onClick={() => void s.next()}
              data-testid="setup-next"
              startIcon={s.checking ? <CircularProgress size={16} color="inherit" /> : undefined}
            >
              Next
            </Button>
          ) : (
            <Button
              variant="contained"
              disabled={s.saving}
              onClick={() => void s.save()}
              data-testid="setup-save"
              startIcon={s.saving ? <CircularProgress size={16} color="inherit" /> : undefined}
            >
              Save
            </Button>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
