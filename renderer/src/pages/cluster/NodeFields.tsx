import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { HostFacts } from '../../../../shared/model/facts';
import type { HostView } from '../../../../shared/model/host';
import { systemDifferences } from '../../../../shared/model/same-system';
import { suggestNodeAddresses, type ManagerAddresses } from '../../lib/cluster-address';
import { modelFieldProps } from './field-props';
import { HostReadiness } from './HostReadiness';
import { HostOptions } from './setup/HostOptions';
import type { DraftNode } from './setup/setup-draft';

/** Props of {@link NodeFields}. */
export interface NodeFieldsProps {
  node: DraftNode;
  /** Model path of this node, e.g. "nodes.2": error messages are looked up under it. */
  path: string;
  errors: Record<string, string>;
  hosts: HostView[];
  facts: Record<string, HostFacts | null>;
  /** Hosts that cannot be this node (manager, storage host, other nodes). */
  exclude: string[];
  manager: ManagerAddresses & { hostId: string };
  onChange: (node: DraftNode, fields: string[]) => void;
}

/** A node's host (addresses pre-filled by subnet from its facts) and addresses, with warnings. */
export function NodeFields(props: NodeFieldsProps) {
  const { node, path, errors, hosts, facts, exclude, manager, onChange } = props;
  const withPrivate = manager.layout !== 'public';
  const host = hosts.find((h) => h.id === node.hostId);
  const nf = facts[node.hostId] ?? null;
  const mf = facts[manager.hostId] ?? null;
  const warnings = nf !== null && mf !== null ? systemDifferences(nf, mf).map((d) => d.what) : [];
  const pick = (hostId: string) =>
    onChange({ hostId, ...suggestNodeAddresses(facts[hostId], manager) }, [path]);
  return (
    <Stack spacing={1.5} sx={{ flexGrow: 1 }}>
      <TextField
        label="Host"
        value={node.hostId}
        onChange={(e) => pick(e.target.value)}
        {...modelFieldProps(`${path}.hostId`, 'node-host', errors, { native: true })}
      >
        <HostOptions
          hosts={hosts}
          facts={facts}
          exclude={exclude.filter((id) => id !== node.hostId)}
        />
      </TextField>
      {host !== undefined && (
        <HostReadiness hostId={host.id} hostName={host.name} facts={nf} warnings={warnings} />
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label={manager.layout === 'private-nat' ? 'Site address' : 'Public IP'}
          value={node.publicIp}
          onChange={(e) => onChange({ ...node, publicIp: e.target.value }, [`${path}.publicIp`])}
          {...modelFieldProps(`${path}.publicIp`, 'node-public-ip', errors)}
        />
        {withPrivate && (
          <TextField
            label="Private IP"
            value={node.privateIp}
            onChange={(e) =>
              onChange({ ...node, privateIp: e.target.value }, [`${path}.privateIp`])
            }
            {...modelFieldProps(`${path}.privateIp`, 'node-private-ip', errors)}
          />
        )}
      </Stack>
    </Stack>
  );
}
