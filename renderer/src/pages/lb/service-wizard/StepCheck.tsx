import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CheckKind } from '../../../../../shared/model/lb';
import { formCheck } from '../../../lib/lb-form';
import { ON_FAILURE_LABELS } from '../../../lib/lb-model';
import { DetectionTime } from './DetectionTime';
import { wizardFieldProps, type WizardStepProps } from './wizard-field';

const KINDS: { value: CheckKind; label: string }[] = [
  { value: 'tcp', label: 'TCP connect' },
  { value: 'http', label: 'HTTP GET' },
  { value: 'https', label: 'HTTPS GET' },
  { value: 'smtp', label: 'SMTP (banner and HELO)' },
  { value: 'none', label: 'None' },
];

/** Props of {@link StepCheck}. */
export interface StepCheckProps extends WizardStepProps {
  /** Editing the cluster's default policy, which has no sorry server. */
  forPolicy?: boolean;
}

/** Step 4: the health check keepalived runs, what happens to a failed server, the sorry server. */
export function StepCheck({ form, errors, onChange, forPolicy = false }: StepCheckProps) {
  const kind = form.checkKind;
  const web = kind === 'http' || kind === 'https';
  const timing = (
    key: 'intervalSec' | 'timeoutSec' | 'retries' | 'retryDelaySec',
    label: string,
    hint: string,
  ) => (
    <TextField
      label={label}
      value={form[key]}
      onChange={(e) => onChange({ [key]: e.target.value }, [key])}
      {...wizardFieldProps(key, `check-${key}`, errors, {
        hint,
        htmlInput: { inputMode: 'decimal' },
      })}
    />
  );
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <TextField
        label="Health check"
        value={kind}
        onChange={(e) => {
          const v = KINDS.find((k) => k.value === e.target.value)?.value;
          if (v !== undefined) onChange({ checkKind: v }, ['checkKind']);
        }}
        {...wizardFieldProps('checkKind', 'check-kind', errors, {
          native: true,
          hint: 'keepalived runs it on the manager against every real server.',
        })}
      >
        {KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </TextField>
      {web && (
        <Stack direction="row" spacing={2}>
          <TextField
            label="Path"
            value={form.checkPath}
            onChange={(e) => onChange({ checkPath: e.target.value }, ['checkPath'])}
            {...wizardFieldProps('checkPath', 'check-path', errors, { hint: 'e.g. /health' })}
          />
          <TextField
            label="Expected status"
            value={form.expectStatus}
            sx={{ maxWidth: 160 }}
            onChange={(e) => onChange({ expectStatus: e.target.value }, ['expectStatus'])}
            {...wizardFieldProps('expectStatus', 'check-status', errors, {
              htmlInput: { inputMode: 'numeric' },
            })}
          />
        </Stack>
      )}
      {kind !== 'none' && (
        <>
          <Stack direction="row" spacing={2}>
            {timing('intervalSec', 'Interval (s)', 'Between two checks.')}
            {timing('timeoutSec', 'Timeout (s)', 'Per attempt.')}
          </Stack>
          <Stack direction="row" spacing={2}>
            {timing('retries', 'Retries', 'Before a server counts as failed.')}
            {timing('retryDelaySec', 'Retry delay (s)', 'Between retries.')}
            <TextField
              label="Check port (optional)"
              value={form.checkPort}
              onChange={(e) => onChange({ checkPort: e.target.value }, ['checkPort'])}
              {...wizardFieldProps('checkPort', 'check-port', errors, {
                hint: "Default: the service's port.",
                htmlInput: { inputMode: 'numeric' },
              })}
            />
          </Stack>
        </>
      )}
      <DetectionTime check={formCheck(form)} />
      <Stack spacing={0.5}>
        <FormLabel id="on-failure-label">A failed server is</FormLabel>
        <RadioGroup
          row
          aria-labelledby="on-failure-label"
          value={form.onFailure}
          onChange={(_e, v) =>
            onChange({ onFailure: v === 'weight0' ? 'weight0' : 'remove' }, ['onFailure'])
          }
        >
          <FormControlLabel
            value="remove"
            control={<Radio size="small" />}
            label={ON_FAILURE_LABELS.remove}
          />
          <FormControlLabel
            value="weight0"
            control={<Radio size="small" />}
            label={ON_FAILURE_LABELS.weight0}
          />
        </RadioGroup>
      </Stack>
      {!forPolicy && (
        <>
          <Typography variant="subtitle2">Sorry server (optional)</Typography>
          <Stack direction="row" spacing={2}>
            <TextField
              label="Sorry server address"
              value={form.sorryIp}
              onChange={(e) => onChange({ sorryIp: e.target.value }, ['sorryIp'])}
              {...wizardFieldProps('sorryIp', 'sorry-ip', errors, {
                hint: 'Gets the clients while every real server is down.',
              })}
            />
            <TextField
              label="Port"
              value={form.sorryPort}
              sx={{ maxWidth: 140 }}
              onChange={(e) => onChange({ sorryPort: e.target.value }, ['sorryPort'])}
              {...wizardFieldProps('sorryPort', 'sorry-port', errors, {
                htmlInput: { inputMode: 'numeric' },
              })}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}
