import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SCHEDULERS, type Scheduler } from '../../../../../shared/model/lb';
import type { PersistenceChoice } from '../../../lib/lb-form';
import { FORWARDING_METHODS, schedulerChoices, SCHEDULER_NAMES } from '../../../lib/lb-model';
import { wizardFieldProps, type WizardStepProps } from './wizard-field';

const PERSISTENCE: { value: PersistenceChoice; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: '300', label: '300 s (5 min)' },
  { value: '1800', label: '1800 s (30 min)' },
  { value: '3600', label: '3600 s (1 hour)' },
  { value: 'custom', label: 'Custom…' },
];

/** Props of {@link StepScheduling}. */
export interface StepSchedulingProps extends WizardStepProps {
  /** The schedulers the manager's kernel has; null when the probe could not tell. */
  supported: readonly Scheduler[] | null;
  /** Editing the cluster's default policy, which has no persistence netmask. */
  forPolicy?: boolean;
}

/** Step 3: the scheduler, persistence and the forwarding method. */
export function StepScheduling(props: StepSchedulingProps) {
  const { form, errors, onChange, supported, forPolicy = false } = props;
  const custom = form.persistence === 'custom';
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <TextField
        label="Scheduler"
        value={form.scheduler}
        onChange={(e) => {
          const v = SCHEDULERS.find((s) => s === e.target.value);
          if (v !== undefined) onChange({ scheduler: v }, ['scheduler']);
        }}
        {...wizardFieldProps('scheduler', 'service-scheduler-input', errors, {
          native: true,
          hint:
            supported === null
              ? "Which real server gets a new connection. The manager's kernel modules are not known: the plan's keepalived check finds a missing scheduler."
              : "Which real server gets a new connection; greyed out: not in the manager's kernel.",
        })}
      >
        {schedulerChoices(supported, form.scheduler).map(({ value, missing }) => (
          <option key={value} value={value} disabled={missing}>
            {value} — {SCHEDULER_NAMES[value]}
            {missing ? " (not in the manager's kernel)" : ''}
          </option>
        ))}
      </TextField>
      <Stack direction="row" spacing={2}>
        <TextField
          label="Persistence"
          value={form.persistence}
          onChange={(e) => {
            const v = PERSISTENCE.find((p) => p.value === e.target.value)?.value;
            if (v !== undefined) onChange({ persistence: v }, ['persistence']);
          }}
          {...wizardFieldProps(
            custom ? 'persistenceSec' : 'persistence',
            'service-persistence',
            errors,
            {
              native: true,
              hint: 'Keeps a client on the same node for this long.',
            },
          )}
        >
          {PERSISTENCE.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </TextField>
        {custom && (
          <TextField
            label="Seconds"
            value={form.persistenceSec}
            sx={{ maxWidth: 140 }}
            onChange={(e) => onChange({ persistenceSec: e.target.value }, ['persistence'])}
            {...wizardFieldProps('persistence', 'service-persistence-sec', errors, {
              htmlInput: { inputMode: 'numeric' },
            })}
          />
        )}
        {!forPolicy && (
          <TextField
            label="Netmask (prefix)"
            value={form.netmask}
            disabled={form.persistence === 'off'}
            sx={{ maxWidth: 160 }}
            onChange={(e) => onChange({ netmask: e.target.value }, ['netmask'])}
            {...wizardFieldProps('netmask', 'service-netmask', errors, {
              hint: '32: per client address; 24: per /24 network.',
              htmlInput: { inputMode: 'numeric' },
            })}
          />
        )}
      </Stack>
      <Stack spacing={0.5}>
        <FormLabel id="service-method-label">Forwarding method</FormLabel>
        <RadioGroup
          aria-labelledby="service-method-label"
          value={form.method}
          onChange={(_e, v) => {
            const m = FORWARDING_METHODS.find((x) => x.value === v)?.value;
            if (m !== undefined) onChange({ method: m }, ['method']);
          }}
        >
          {FORWARDING_METHODS.map((m) => (
            <FormControlLabel
              key={m.value}
              value={m.value}
              control={
                <Radio
                  size="small"
                  slotProps={{
                    input: { 'data-testid': `method-${m.value}` } as object,
                  }}
                />
              }
              label={
                <span>
                  {m.label}
                  <Typography component="span" variant="body2" color="text.secondary">
                    {' '}
                    — {m.explain}
                  </Typography>
                </span>
              }
            />
          ))}
        </RadioGroup>
        {errors.byField.method !== undefined && (
          <Typography
            variant="body2"
            color="error"
            data-testid="field-error"
            data-field={errors.byField.method.path}
          >
            {errors.byField.method.message}
          </Typography>
        )}
      </Stack>
    </Stack>
  );
}
