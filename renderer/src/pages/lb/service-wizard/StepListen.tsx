import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { Vip } from '../../../../../shared/model/lb';
import { wizardFieldProps, type WizardStepProps } from './wizard-field';

/** Props of {@link StepListen}. */
export interface StepListenProps extends WizardStepProps {
  vips: Vip[];
  /** Editing one service: one port only. */
  single: boolean;
}

/** Step 2: the name, the VIP, one port (or a firewall-mark group of ports), the protocol. */
export function StepListen({ form, errors, onChange, vips, single }: StepListenProps) {
  const group = form.listenKind === 'fwmark';
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <TextField
        label="Name"
        value={form.name}
        onChange={(e) => onChange({ name: e.target.value }, ['name'])}
        {...wizardFieldProps('name', 'service-name-input', errors, {
          hint: 'Shown in ClusterDeck and as a comment in keepalived.conf.',
        })}
      />
      <TextField
        label="Virtual IP"
        value={form.vip}
        onChange={(e) => onChange({ vip: e.target.value }, ['vip'])}
        {...wizardFieldProps('vip', 'service-vip', errors, { native: true })}
      >
        {form.vip === '' && <option value="">Choose a VIP…</option>}
        {vips.map((v) => (
          <option key={v.address} value={v.address}>
            {v.address}
          </option>
        ))}
      </TextField>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={form.listenKind}
        onChange={(_e, v: 'port' | 'fwmark' | null) => {
          if (v !== null) onChange({ listenKind: v }, ['ports', 'mark', 'ranges']);
        }}
        aria-label="Listens on"
      >
        <ToggleButton value="port" data-testid="listen-port">
          Port
        </ToggleButton>
        <ToggleButton value="fwmark" data-testid="listen-fwmark">
          Firewall-mark group
        </ToggleButton>
      </ToggleButtonGroup>
      {group && (
        <Typography variant="body2" color="text.secondary">
          The manager marks packets to these ports and IPVS balances them as one service, so with
          persistence a client&apos;s connections to every port of the group reach the same node.
        </Typography>
      )}
      <Stack direction="row" spacing={2}>
        <TextField
          label={group ? 'Ports of the group' : single ? 'Port' : 'Port(s)'}
          value={form.ports}
          onChange={(e) => onChange({ ports: e.target.value }, ['ports'])}
          {...wizardFieldProps('ports', 'service-ports', errors, {
            hint: group
              ? 'Comma separated, e.g. 80, 443.'
              : single
                ? 'The VIP port clients connect to.'
                : 'Several ports, comma separated, make one service each.',
          })}
        />
        <TextField
          label="Protocol"
          value={form.protocol}
          sx={{ maxWidth: 140 }}
          onChange={(e) =>
            onChange({ protocol: e.target.value === 'udp' ? 'udp' : 'tcp' }, ['protocol'])
          }
          {...wizardFieldProps('protocol', 'service-protocol', errors, { native: true })}
        >
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </TextField>
      </Stack>
      {group && (
        <Stack direction="row" spacing={2}>
          <TextField
            label="Mark"
            value={form.mark}
            sx={{ maxWidth: 160 }}
            onChange={(e) => onChange({ mark: e.target.value }, ['mark'])}
            {...wizardFieldProps('mark', 'service-mark', errors, {
              hint: 'Unique in the cluster.',
              htmlInput: { inputMode: 'numeric' },
            })}
          />
          <TextField
            label="Port ranges (optional)"
            value={form.ranges}
            placeholder="30000-30100"
            onChange={(e) => onChange({ ranges: e.target.value }, ['ranges'])}
            {...wizardFieldProps('ranges', 'service-ranges', errors, {
              hint: "e.g. an FTP server's passive ports.",
            })}
          />
        </Stack>
      )}
    </Stack>
  );
}
