import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PRESET_OPTIONS, type PresetChoice } from '../../../lib/lb-form';

/** Props of {@link StepPreset}. */
export interface StepPresetProps {
  value: PresetChoice;
  onPick: (choice: PresetChoice) => void;
}

/** Step 1: a classic hosting service, HTTP+HTTPS as one group, or a custom service. */
export function StepPreset({ value, onPick }: StepPresetProps) {
  const picked = PRESET_OPTIONS.find((p) => p.id === value);
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        A preset fills in ports and the health check; scheduler, forwarding method, persistence and
        check timings come from the cluster&apos;s default policy. Every value can be changed in the
        next steps.
      </Typography>
      <RadioGroup
        value={value}
        onChange={(_e, v) => {
          const choice = PRESET_OPTIONS.find((p) => p.id === v)?.id;
          if (choice !== undefined) onPick(choice);
        }}
        aria-label="Preset"
      >
        {PRESET_OPTIONS.map((p) => (
          <FormControlLabel
            key={p.id}
            value={p.id}
            control={
              <Radio
                size="small"
                slotProps={{ input: { 'data-testid': `preset-${p.id}` } as object }}
              />
            }
            label={p.label}
          />
        ))}
      </RadioGroup>
      {picked !== undefined && picked.notes.length > 0 && (
        <Alert severity="info" data-testid="preset-notes" data-preset={picked.id}>
          <AlertTitle>Before you add {picked.label.split(' (')[0]}</AlertTitle>
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {picked.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
