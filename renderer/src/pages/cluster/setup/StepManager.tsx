import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { findAddress, interfaceFor } from '../../../../../shared/model/cluster-net';
import type { HostFacts } from '../../../../../shared/model/facts';
import type { HostView } from '../../../../../shared/model/host';
import { isIPv4 } from '../../../../../shared/base/fields';
import {
  quorumReference,
  subnetLabel,
  suggestManagerAddresses,
} from '../../../lib/cluster-address';
import { AddressChoices } from '../AddressChoices';
import { modelFieldProps } from '../field-props';
import { HostReadiness } from '../HostReadiness';
import { HostOptions } from './HostOptions';
import type { SetupDraft } from './setup-draft';

/** Props of {@link StepManager}. */
export interface StepManagerProps {
  draft: SetupDraft;
  errors: Record<string, string>;
  hosts: HostView[];
  facts: Record<string, HostFacts | null>;
  onChange: (p: Partial<SetupDraft>, fields: string[]) => void;
}

/** Step 2: the manager host, its addresses and the quorum IP. */
export function StepManager({ draft, errors, hosts, facts, onChange }: StepManagerProps) {
  const host = hosts.find((h) => h.id === draft.managerHostId);
  const mf = facts[draft.managerHostId] ?? null;
  const withPrivate = draft.layout !== 'public';
  const ref = quorumReference(draft);
  const refPrefix = (mf && isIPv4(ref) ? findAddress(mf, ref)?.prefix : undefined) ?? null;
  const subnet = subnetLabel(ref, refPrefix ?? (Number(draft.quorumPrefix) || 24));
  const autoIface =
    mf && isIPv4(draft.quorumIp) ? (interfaceFor(mf, draft.quorumIp)?.iface ?? null) : null;

  const pickHost = (hostId: string) => {
    const f = facts[hostId] ?? null;
    const a = suggestManagerAddresses(f, draft.layout);
    const r = quorumReference({ ...draft, ...a });
    const prefix = f && isIPv4(r) ? findAddress(f, r)?.prefix : undefined;
    onChange(
      {
        managerHostId: hostId,
        ...a,
        quorumInterface: '',
        ...(prefix === undefined ? {} : { quorumPrefix: String(prefix) }),
      },
      ['manager'],
    );
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="body2" color="text.secondary">
        The manager balances the load, holds the command queues and (by default) the shared storage.
        Pick a connected, probed host.
      </Typography>
      <TextField
        label="Manager host"
        value={draft.managerHostId}
        onChange={(e) => pickHost(e.target.value)}
        {...modelFieldProps('manager.hostId', 'manager-host', errors, {
          native: true,
          hint: 'Hosts that are neither connected nor probed cannot be picked.',
        })}
      >
        <HostOptions hosts={hosts} facts={facts} />
      </TextField>
      {host !== undefined && <HostReadiness hostId={host.id} hostName={host.name} facts={mf} />}
      <TextField
        label={draft.layout === 'private-nat' ? 'Site address (behind the NAT)' : 'Public IP'}
        value={draft.publicIp}
        onChange={(e) => onChange({ publicIp: e.target.value }, ['manager.publicIp'])}
        {...modelFieldProps('manager.publicIp', 'manager-public-ip', errors, {
          hint:
            draft.layout === 'private-nat'
              ? 'The private address the NAT forwards public traffic to.'
              : 'Where the sites are served.',
        })}
      />
      <AddressChoices
        facts={mf}
        value={draft.publicIp}
        onPick={(publicIp) => onChange({ publicIp }, ['manager.publicIp'])}
      />
      {withPrivate && (
        <>
          <TextField
            label="Private IP"
            value={draft.privateIp}
            onChange={(e) => onChange({ privateIp: e.target.value }, ['manager.privateIp'])}
            {...modelFieldProps('manager.privateIp', 'manager-private-ip', errors, {
              hint: "The manager's own address on the private network.",
            })}
          />
          <AddressChoices
            facts={mf}
            value={draft.privateIp}
            onPick={(privateIp) => onChange({ privateIp }, ['manager.privateIp'])}
          />
        </>
      )}
      <Stack direction="row" spacing={2}>
        <TextField
          label="Quorum IP"
          value={draft.quorumIp}
          onChange={(e) => onChange({ quorumIp: e.target.value }, ['manager.quorumIp'])}
          {...modelFieldProps('manager.quorumIp', 'quorum-ip', errors, {
            hint: `An extra, free address${subnet === '' ? '' : ` in ${subnet}`}: the hosts use it among themselves; it is never used for sites.`,
          })}
        />
        <TextField
          label="Prefix"
          value={draft.quorumPrefix}
          sx={{ maxWidth: 110 }}
          onChange={(e) => onChange({ quorumPrefix: e.target.value }, ['manager.quorumPrefix'])}
          {...modelFieldProps('manager.quorumPrefix', 'quorum-prefix', errors, {
            htmlInput: { inputMode: 'numeric' },
          })}
        />
      </Stack>
      <TextField
        label="Quorum interface"
        value={draft.quorumInterface}
        placeholder={autoIface === null ? 'automatic' : `automatic: ${autoIface}`}
        onChange={(e) => onChange({ quorumInterface: e.target.value }, ['manager.quorumInterface'])}
        {...modelFieldProps('manager.quorumInterface', 'quorum-interface', errors, {
          hint:
            autoIface === null
              ? 'Leave empty to use the interface whose subnet holds the quorum IP.'
              : `Leave empty to use ${autoIface}, the interface in the quorum IP's subnet.`,
        })}
      />
    </Stack>
  );
}
