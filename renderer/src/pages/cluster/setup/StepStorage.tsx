import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { HostFacts } from '../../../../../shared/model/facts';
import type { HostView } from '../../../../../shared/model/host';
import { addressNear, primaryAddress } from '../../../lib/cluster-address';
import { AddressChoices } from '../AddressChoices';
import { modelFieldProps } from '../field-props';
import { HostReadiness } from '../HostReadiness';
import { DeviceChoices } from './DeviceChoices';
import { HostOptions } from './HostOptions';
import type { SetupDraft } from './setup-draft';

/** Props of {@link StepStorage}. */
export interface StepStorageProps {
  draft: SetupDraft;
  errors: Record<string, string>;
  hosts: HostView[];
  facts: Record<string, HostFacts | null>;
  onChange: (p: Partial<SetupDraft>, fields: string[]) => void;
}

/** Step 3: where /chroot/home lives: on the manager, or on an external NFS server. */
export function StepStorage({ draft, errors, hosts, facts, onChange }: StepStorageProps) {
  const external = draft.storageKind === 'external';
  const host = hosts.find((h) => h.id === draft.storageHostId);
  const sf = facts[draft.storageHostId] ?? null;
  // The device is formatted on the host that holds the storage.
  const deviceFacts = external ? sf : (facts[draft.managerHostId] ?? null);

  const pickHost = (hostId: string) => {
    const f = facts[hostId] ?? null;
    // The nodes mount from the address on the quorum's network, if the host has one there.
    const address = (addressNear(f, draft.quorumIp) ?? primaryAddress(f))?.address ?? '';
    onChange({ storageHostId: hostId, storageAddress: address }, ['storage']);
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <TextField
        label="Shared storage"
        value={draft.storageKind}
        onChange={(e) =>
          onChange({ storageKind: e.target.value === 'external' ? 'external' : 'manager' }, [
            'storage',
          ])
        }
        {...modelFieldProps('storage.kind', 'storage-kind', errors, {
          native: true,
          hint: 'The homes live in /chroot/home; every node mounts it over NFS.',
        })}
      >
        <option value="manager">On the manager (it exports /chroot over NFS)</option>
        <option value="external">External NFS server</option>
      </TextField>
      {external && (
        <>
          <Alert severity="info" data-testid="storage-requirements">
            <AlertTitle>What the NFS server must offer</AlertTitle>
            Quotas reported over rpc.rquotad (user and group quotas on the exported filesystem), NFS
            locking (lockd/statd), and the same UIDs and GIDs as the cluster: ClusterDeck creates
            the hosting accounts with identical ids everywhere.
          </Alert>
          <TextField
            label="Storage host"
            value={draft.storageHostId}
            onChange={(e) => pickHost(e.target.value)}
            {...modelFieldProps('storage.hostId', 'storage-host', errors, {
              native: true,
              hint: 'A separate server: neither the manager nor a node.',
            })}
          >
            <HostOptions hosts={hosts} facts={facts} exclude={[draft.managerHostId]} />
          </TextField>
          {host !== undefined && <HostReadiness hostId={host.id} hostName={host.name} facts={sf} />}
          <TextField
            label="Address to mount from"
            value={draft.storageAddress}
            onChange={(e) => onChange({ storageAddress: e.target.value }, ['storage.address'])}
            {...modelFieldProps('storage.address', 'storage-address', errors, {
              hint: 'The storage host address the manager and the nodes reach it by.',
            })}
          />
          <AddressChoices
            facts={sf}
            value={draft.storageAddress}
            onPick={(storageAddress) => onChange({ storageAddress }, ['storage.address'])}
          />
          <TextField
            label="Export path"
            value={draft.exportPath}
            onChange={(e) => onChange({ exportPath: e.target.value }, ['storage.exportPath'])}
            {...modelFieldProps('storage.exportPath', 'storage-export-path', errors, {
              hint: 'Every cluster host mounts it at /chroot; the homes live in its home/ folder.',
            })}
          />
        </>
      )}
      <Alert severity="warning" data-testid="storage-device-warning">
        <AlertTitle>Formatting a device</AlertTitle>
        Give a device only if it is <strong>blank</strong>: ClusterDeck formats it (ext4 with
        quotas) only when it holds no filesystem and no partition table at all. A device with data
        is never overwritten — the step stops instead.
      </Alert>
      <TextField
        label="Blank block device (optional)"
        value={draft.storageDevice}
        placeholder="/dev/vdb"
        onChange={(e) => onChange({ storageDevice: e.target.value }, ['storage.device'])}
        {...modelFieldProps('storage.device', 'storage-device', errors, {
          hint: external
            ? 'On the storage host. Empty: the export path must already be on a filesystem with quotas on.'
            : 'On the manager. Empty: /chroot must already be on a filesystem with user and group quotas on.',
        })}
      />
      <DeviceChoices
        facts={deviceFacts}
        value={draft.storageDevice}
        onPick={(storageDevice) => onChange({ storageDevice }, ['storage.device'])}
      />
      <Typography variant="body2" color="text.secondary">
        Homes are never deleted by ClusterDeck, also not when accounts or nodes are removed.
      </Typography>
    </Stack>
  );
}
