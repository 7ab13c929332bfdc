import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';

/** Props of {@link WizardStepper}. */
export interface WizardStepperProps {
  steps: readonly string[];
  active: number;
  /** How many problems each step has, by index. */
  problems: readonly number[];
  onSelect: (step: number) => void;
  /** The test id of every step button (each also carries `data-index`). */
  testId: string;
  /** Steps before this one cannot be chosen. */
  first?: number;
}

/** A wizard's steps, free to jump between, each showing how many problems it has. */
export function WizardStepper({
  steps,
  active,
  problems,
  onSelect,
  testId,
  first = 0,
}: WizardStepperProps) {
  return (
    <Stepper nonLinear activeStep={active} sx={{ mb: 3 }}>
      {steps.map((label, i) => {
        const n = problems[i] ?? 0;
        return (
          <Step key={label} completed={false} disabled={i < first}>
            <StepButton
              onClick={() => onSelect(i)}
              data-testid={testId}
              data-index={i}
              {...(n > 0
                ? {
                    optional: (
                      <Typography variant="caption" color="error">
                        {n} problem{n === 1 ? '' : 's'}
                      </Typography>
                    ),
                  }
                : {})}
            >
              <StepLabel error={n > 0}>{label}</StepLabel>
            </StepButton>
          </Step>
        );
      })}
    </Stepper>
  );
}
