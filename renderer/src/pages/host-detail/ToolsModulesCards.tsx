import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { HostFacts, ToolsFact } from '../../../../shared/model/facts';
import { formatModule } from '../../lib/format';
import { FactCard } from './FactCard';

const TOOL_LABELS: Record<keyof ToolsFact, string> = {
  ipvsadm: 'ipvsadm',
  keepalived: 'keepalived',
  exportfs: 'exportfs',
  nfsServer: 'NFS server',
  nfsClient: 'NFS client',
  quota: 'quota',
  rquotad: 'rquotad',
};

/** Cluster tools, installed or not. */
export function ToolsCard({ tools }: { tools: ToolsFact }) {
  const keys = Object.keys(TOOL_LABELS) as (keyof ToolsFact)[];
  return (
    <FactCard title="Tools">
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="facts-tools">
        {keys.map((k) => (
          <Chip
            key={k}
            size="small"
            data-tool={k}
            data-installed={String(tools[k])}
            icon={tools[k] ? <CheckIcon /> : <CloseIcon />}
            color={tools[k] ? 'success' : 'default'}
            variant={tools[k] ? 'filled' : 'outlined'}
            label={`${TOOL_LABELS[k]}: ${tools[k] ? 'installed' : 'not installed'}`}
          />
        ))}
      </Stack>
    </FactCard>
  );
}

/** Kernel modules the cluster needs. */
export function ModulesCard({ modules }: { modules: HostFacts['modules'] }) {
  const names = ['ip_vs', 'nfsd', 'nfs'] as const;
  return (
    <FactCard title="Kernel modules">
      <Stack
        direction="row"
        useFlexGap
        sx={{ flexWrap: 'wrap', gap: 1 }}
        data-testid="facts-modules"
      >
        {names.map((n) => {
          const status = formatModule(modules[n]);
          return (
            <Chip
              key={n}
              size="small"
              data-module={n}
              data-status={status}
              color={
                status === 'missing' ? 'error' : status === 'available' ? 'default' : 'success'
              }
              variant={status === 'available' ? 'outlined' : 'filled'}
              label={`${n}: ${status}`}
            />
          );
        })}
      </Stack>
    </FactCard>
  );
}
