import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import RefreshIcon from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HostStateChip } from '../../components/HostStateChip';
import { useConnectFlow } from '../../flows/connect-flow';
import { disconnectHost } from '../../flows/host-actions';
import { hostStatusView } from '../../lib/host-status';
import { formatAuth, formatEndpoint, formatTime } from '../../lib/format';
import { EMPTY_FACTS, useFactsStore } from '../../stores/facts-store';
import { useHostsStore } from '../../stores/hosts-store';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { ChecksList } from './ChecksList';
import { DisksCard } from './DisksCard';
import { NetworkCard } from './NetworkCard';
import { SystemCards } from './SystemCards';
import { ModulesCard, ToolsCard } from './ToolsModulesCards';

/** One host: its connection, trusted key, probed facts and the checks on them. */
export function HostDetailPage({ hostId }: { hostId: string }) {
  const host = useHostsStore((s) => s.hosts.find((h) => h.id === hostId));
  const hydrated = useHostsStore((s) => s.hydrated);
  const entry = useFactsStore((s) => s.byHost[hostId]) ?? EMPTY_FACTS;
  const load = useFactsStore((s) => s.load);
  const activity = useConnectFlow((s) => s.busy[hostId]);
  const connect = useConnectFlow((s) => s.connect);
  const probe = useConnectFlow((s) => s.probe);
  const showHosts = useUiStore((s) => s.showHosts);
  const needsLoad = !entry.loaded && !entry.loading && entry.error === null;

  useEffect(() => {
    if (needsLoad) void load(hostId);
  }, [needsLoad, load, hostId]);

  if (host === undefined) {
    return (
      <Stack spacing={2} data-testid="host-detail" data-host-id={hostId}>
        <Typography>{hydrated ? 'This host no longer exists.' : 'Loading…'}</Typography>
        <Box>
          <Button startIcon={<ArrowBackIcon />} onClick={showHosts}>
            All hosts
          </Button>
        </Box>
      </Stack>
    );
  }

  const busy = activity !== undefined;
  const facts = entry.facts;
  const status = hostStatusView(host);
  return (
    <Stack spacing={2} data-testid="host-detail" data-host-id={host.id} data-host-name={host.name}>
      <Box>
        <Button size="small" startIcon={<ArrowBackIcon />} onClick={showHosts}>
          All hosts
        </Button>
      </Box>
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        sx={{ justifyContent: 'space-between' }}
      >
        <Box>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h1" data-testid="host-detail-name">
              {host.name}
            </Typography>
            <HostStateChip host={host} />
          </Stack>
          <Typography color="text.secondary" sx={{ fontFamily: MONO }}>
            {host.user}@{formatEndpoint(host.address, host.port)} · {formatAuth(host.auth)}
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            Host key:{' '}
            {host.trustedKey === null ? (
              <Box component="span" color="text.secondary" data-testid="host-fingerprint">
                not trusted yet
              </Box>
            ) : (
              <Box component="span" sx={{ fontFamily: MONO }} data-testid="host-fingerprint">
                {host.trustedKey.keyType} {host.trustedKey.fingerprint}
              </Box>
            )}
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Writable>
            {status.action === 'disconnect' ? (
              <Button
                disabled={busy}
                onClick={() => void disconnectHost(host.id)}
                data-testid="host-disconnect"
              >
                Disconnect
              </Button>
            ) : (
              <Button
                disabled={busy}
                onClick={() => void connect(host.id)}
                data-testid="host-connect"
              >
                Connect
              </Button>
            )}
            <Button
              variant="contained"
              startIcon={<RefreshIcon />}
              disabled={busy}
              onClick={() => void probe(host.id)}
              data-testid="probe-again"
            >
              {facts === null ? 'Probe' : 'Probe again'}
            </Button>
          </Writable>
        </Stack>
      </Stack>
      {status.state === 'needs-trust' && (
        <Alert severity="info" variant="outlined" data-testid="host-needs-trust">
          This host presented a key that is not trusted yet: connect to compare its fingerprint with
          the server&apos;s and trust it.
        </Alert>
      )}
      {status.error !== null && host.state === 'error' && (
        <Alert severity="error" variant="outlined" data-testid="host-last-error">
          Last error <code>{status.error.code}</code>: {status.error.message}
        </Alert>
      )}
      {(busy || entry.loading) && (
        <LinearProgress data-testid="probe-progress" aria-label={activity ?? 'loading'} />
      )}
      {entry.error !== null && <ErrorAlert error={entry.error} title="Loading the facts" />}
      {facts === null ? (
        entry.loaded && (
          <Alert severity="info" data-testid="facts-empty">
            This host has not been probed yet. Probe it to see whether it can join a cluster.
          </Alert>
        )
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" data-testid="facts-probed-at">
            Probed {formatTime(facts.probedAt)}
          </Typography>
          <ChecksList checks={facts.checks} />
          <Grid container spacing={2}>
            <SystemCards facts={facts} />
            <Grid size={{ xs: 12, lg: 7 }}>
              <NetworkCard interfaces={facts.interfaces} routes={facts.defaultRoutes} />
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <Stack spacing={2}>
                <DisksCard disks={facts.disks} />
                <ToolsCard tools={facts.tools} />
                <ModulesCard modules={facts.modules} />
              </Stack>
            </Grid>
          </Grid>
        </>
      )}
    </Stack>
  );
}
