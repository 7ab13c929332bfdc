import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { HostFacts } from '../../../../../shared/model/facts';
import { deviceChoices } from '../../../lib/block-devices';
import { MONO } from '../../../theme';

/** Props of {@link DeviceChoices}. */
export interface DeviceChoicesProps {
  facts: HostFacts | null | undefined;
  value: string;
  onPick: (path: string) => void;
}

/**
 * The disks and partitions the probe found on the host: blank ones as chips that fill the
 * device field, the others listed with why they cannot be formatted (the system disk is marked).
 */
export function DeviceChoices({ facts, value, onPick }: DeviceChoicesProps) {
  const choices = deviceChoices(facts);
  if (facts === null || facts === undefined) return null;
  if (choices === null || choices.length === 0) {
    return (
      <Typography
        variant="caption"
        color="text.secondary"
        data-testid="device-choices-none"
        sx={{ mt: -1.5 }}
      >
        {choices === null
          ? 'Probe the host again to list its disks; or type a device path.'
          : 'The probe found no disks on this host: type a device path if it has one.'}
      </Typography>
    );
  }
  const free = choices.filter((c) => c.refused === null);
  const refused = choices.filter((c) => c.refused !== null);
  return (
    <Stack spacing={0.5} sx={{ mt: -1.5 }} data-testid="device-choices">
      <Stack
        direction="row"
        spacing={0.5}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      >
        <Typography variant="caption" color="text.secondary">
          {free.length === 0 ? 'No blank disk or partition on this host.' : 'Blank on this host:'}
        </Typography>
        {free.map((c) => (
          <Chip
            key={c.path}
            size="small"
            variant={c.path === value ? 'filled' : 'outlined'}
            color={c.path === value ? 'primary' : 'default'}
            label={c.label}
            onClick={() => onPick(c.path)}
            data-testid="device-choice"
            data-path={c.path}
            sx={{ fontFamily: MONO }}
          />
        ))}
      </Stack>
      {refused.length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {refused.map((c) => (
            <Typography
              component="li"
              variant="caption"
              color="text.secondary"
              key={c.path}
              data-testid="device-refused"
              data-path={c.path}
              data-root={c.holdsRoot ? 'true' : 'false'}
              sx={{ display: 'list-item' }}
            >
              <Box component="span" sx={{ fontFamily: MONO }}>
                {c.label}
              </Box>
              {' — '}
              {c.holdsRoot ? <strong>{c.refused}</strong> : c.refused}
            </Typography>
          ))}
        </Box>
      )}
    </Stack>
  );
}
