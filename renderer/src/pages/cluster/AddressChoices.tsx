import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { HostFacts } from '../../../../shared/model/facts';
import { hostAddresses } from '../../lib/cluster-address';
import { MONO } from '../../theme';

/** Props of {@link AddressChoices}. */
export interface AddressChoicesProps {
  facts: HostFacts | null | undefined;
  value: string;
  onPick: (address: string) => void;
}

/** The host's IPv4 addresses (from its facts) as chips that fill the field beside them. */
export function AddressChoices({ facts, value, onPick }: AddressChoicesProps) {
  const all = hostAddresses(facts);
  if (all.length === 0) return null;
  return (
    <Stack
      direction="row"
      spacing={0.5}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center', mt: -1.5, mb: 1 }}
    >
      <Typography variant="caption" color="text.secondary">
        On this host:
      </Typography>
      {all.map((a) => (
        <Chip
          key={`${a.iface}-${a.address}`}
          size="small"
          variant={a.address === value ? 'filled' : 'outlined'}
          color={a.address === value ? 'primary' : 'default'}
          label={`${a.address}/${a.prefix} (${a.iface})`}
          onClick={() => onPick(a.address)}
          data-testid="address-choice"
          sx={{ fontFamily: MONO }}
        />
      ))}
    </Stack>
  );
}
