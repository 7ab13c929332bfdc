import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { HostFacts } from '../../../../shared/model/facts';
import { useConnectFlow } from '../../flows/connect-flow';
import { Writable } from '../../snapshot';

/** Props of {@link HostReadiness}. */
export interface HostReadinessProps {
  hostId: string;
  hostName: string;
  facts: HostFacts | null;
  /** Extra warnings, e.g. the node's OS differs from the manager's. */
  warnings?: string[];
}

/** A host's blockers from its probed checks (and extra warnings), or a prompt to probe it. */
export function HostReadiness({ hostId, hostName, facts, warnings = [] }: HostReadinessProps) {
  const probe = useConnectFlow((s) => s.probe);
  const busy = useConnectFlow((s) => s.busy[hostId] !== undefined);
  if (facts === null) {
    return (
      <Alert
        severity="info"
        data-testid="host-not-probed"
        action={
          <Writable>
            <Button color="inherit" size="small" disabled={busy} onClick={() => void probe(hostId)}>
              {busy ? 'Probing…' : 'Probe now'}
            </Button>
          </Writable>
        }
      >
        {hostName} has not been probed: its addresses and blockers are unknown.
      </Alert>
    );
  }
  const blockers = facts.checks.filter((c) => c.severity === 'blocker');
  if (blockers.length === 0 && warnings.length === 0) {
    return (
      <Typography variant="body2" color="success.main" data-testid="host-ready">
        {hostName}: {facts.os.prettyName || `${facts.os.id} ${facts.os.versionId}`}, {facts.arch} —
        no blockers found by the last probe.
      </Typography>
    );
  }
  return (
    <Stack spacing={1}>
      {blockers.map((c) => (
        <Alert key={c.id} severity="error" data-testid="host-blocker" data-check-id={c.id}>
          <strong>{c.title}</strong> — {c.message}
        </Alert>
      ))}
      {warnings.map((w) => (
        <Alert key={w} severity="warning" data-testid="host-system-warning">
          {hostName} {w}: cluster hosts must run the manager&apos;s OS release and architecture.
        </Alert>
      ))}
    </Stack>
  );
}
