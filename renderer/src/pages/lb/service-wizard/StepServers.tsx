import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Cluster } from '../../../../../shared/model/cluster';
import type { ServerRow } from '../../../lib/lb-form';
import { wizardFieldProps, type WizardStepProps } from './wizard-field';

/** Props of {@link StepServers}. */
export interface StepServersProps extends WizardStepProps {
  cluster: Cluster;
  hostName: (id: string) => string;
}

/** Step 5: the nodes that serve, with weights, and optionally the manager itself. */
export function StepServers({ form, errors, onChange, cluster, hostName }: StepServersProps) {
  const withPort = form.method === 'nat' && form.listenKind === 'port';
  const setRow = (hostId: string, patch: Partial<ServerRow>, key: 'weight' | 'port' | 'hostId') =>
    onChange({ servers: form.servers.map((r) => (r.hostId === hostId ? { ...r, ...patch } : r)) }, [
      'servers',
      `server.${hostId}.${key}`,
    ]);
  const serversError = errors.byField.servers;
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720 }}>
      <Typography variant="body2" color="text.secondary">
        Weights share the connections (weight 2 gets twice as many as weight 1; 0 gets none).
      </Typography>
      {serversError !== undefined && (
        <Typography
          color="error"
          variant="body2"
          data-testid="field-error"
          data-field={serversError.path}
        >
          {serversError.message}
        </Typography>
      )}
      {form.servers.length === 0 && (
        <Typography color="text.secondary">The cluster has no nodes yet.</Typography>
      )}
      {form.servers.map((r) => {
        const node = cluster.nodes.find((n) => n.hostId === r.hostId);
        const note =
          node === undefined
            ? ' (not a node of the cluster)'
            : !node.enabled
              ? ' (disabled)'
              : node.lbMode !== 'active'
                ? ` (${node.lbMode})`
                : '';
        const hostError = errors.byField[`server.${r.hostId}.hostId`];
        return (
          <Stack
            key={r.hostId}
            direction="row"
            spacing={2}
            sx={{ alignItems: 'flex-start' }}
            data-testid="server-row"
            data-host-id={r.hostId}
          >
            <FormControlLabel
              sx={{ minWidth: 220, mt: 0.5 }}
              control={
                <Checkbox
                  size="small"
                  checked={r.selected}
                  onChange={(_e, on) => setRow(r.hostId, { selected: on }, 'hostId')}
                  slotProps={{ input: { 'data-testid': 'server-selected' } as object }}
                />
              }
              label={`${hostName(r.hostId)}${note}`}
            />
            <TextField
              label="Weight"
              value={r.weight}
              disabled={!r.selected}
              sx={{ maxWidth: 120 }}
              onChange={(e) => setRow(r.hostId, { weight: e.target.value }, 'weight')}
              {...wizardFieldProps(`server.${r.hostId}.weight`, 'server-weight', errors, {
                htmlInput: { inputMode: 'numeric' },
              })}
            />
            {withPort && (
              <TextField
                label="Port (optional)"
                value={r.port}
                disabled={!r.selected}
                sx={{ maxWidth: 160 }}
                onChange={(e) => setRow(r.hostId, { port: e.target.value }, 'port')}
                {...wizardFieldProps(`server.${r.hostId}.port`, 'server-port', errors, {
                  hint: 'NAT may map to another port.',
                  htmlInput: { inputMode: 'numeric' },
                })}
              />
            )}
            {hostError !== undefined && (
              <Typography
                color="error"
                variant="body2"
                sx={{ mt: 1 }}
                data-testid="field-error"
                data-field={hostError.path}
              >
                {hostError.message}
              </Typography>
            )}
          </Stack>
        );
      })}
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start' }}
        data-testid="server-manager"
      >
        <FormControlLabel
          sx={{ minWidth: 220, mt: 0.5 }}
          control={
            <Checkbox
              size="small"
              checked={form.includeManager}
              onChange={(_e, on) => onChange({ includeManager: on }, ['managerWeight', 'servers'])}
              slotProps={{ input: { 'data-testid': 'server-include-manager' } as object }}
            />
          }
          label={`${hostName(cluster.manager.hostId)} (the manager serves too)`}
        />
        <TextField
          label="Weight"
          value={form.managerWeight}
          disabled={!form.includeManager}
          sx={{ maxWidth: 120 }}
          onChange={(e) => onChange({ managerWeight: e.target.value }, ['managerWeight'])}
          {...wizardFieldProps('managerWeight', 'server-manager-weight', errors, {
            htmlInput: { inputMode: 'numeric' },
          })}
        />
      </Stack>
    </Stack>
  );
}
