import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../shared/api/contract';
import type { LbStatus } from '../../../../shared/lb/status';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../lib/format';
import { shownStatus } from '../../lib/lb-status';
import { useLbStatusStore } from '../../stores/lb-status-store';
import { ServiceStatusTable } from './ServiceStatusTable';
import { useLbStatusPolling } from './use-lb-status';

const KEEPALIVED_COLOR = {
  active: 'success',
  activating: 'info',
  failed: 'error',
  inactive: 'default',
  unknown: 'default',
} as const;

const MODEL_ONLY_FRAME = {
  border: 1,
  borderStyle: 'dashed',
  borderColor: 'divider',
  borderRadius: 1,
  p: 1.5,
} as const;

/** The manager's live IPVS table, read every 2 s; an error keeps the last good table on screen. */
export function LiveStatusSection({ view }: { view: ClusterView }) {
  const id = view.cluster.id;
  useLbStatusPolling(id);
  const mine = useLbStatusStore((s) => s.clusterId === id);
  const last = useLbStatusStore((s) => s.last);
  const latest = useLbStatusStore((s) => s.latest);
  const requestError = useLbStatusStore((s) => s.requestError);
  const status: LbStatus | null = mine ? shownStatus(last, latest) : null;
  const managerError = mine ? (latest?.error ?? null) : null;
  const failing = mine && (requestError !== null || managerError !== null);

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="lb-live">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          Live status
        </Typography>
        {status !== null && (
          <Chip
            size="small"
            label={`keepalived ${status.keepalived}`}
            color={KEEPALIVED_COLOR[status.keepalived]}
            variant={status.keepalived === 'unknown' ? 'outlined' : 'filled'}
            data-testid="lb-keepalived"
            data-state={status.keepalived}
          />
        )}
        {status !== null && (
          <Typography variant="body2" color="text.secondary" data-testid="lb-status-at">
            {failing && last !== null ? 'last good reading' : 'read'} {formatTime(status.at)}
          </Typography>
        )}
      </Stack>
      <Stack spacing={1.5}>
        {mine && requestError !== null && (
          <ErrorAlert
            error={requestError}
            title="Reading the live status"
            testId="lb-status-request-error"
          />
        )}
        {managerError !== null && (
          <Alert severity="error" data-testid="lb-status-error">
            <AlertTitle>The manager&apos;s IPVS table could not be read</AlertTitle>
            {managerError}
          </Alert>
        )}
        {status === null && !failing && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} />
            <Typography>Reading the manager…</Typography>
          </Stack>
        )}
        {status !== null && status.error !== null && (
          <Typography variant="body2" color="text.secondary" data-testid="lb-status-model-only">
            Services as the model has them; live state, weights and counters appear once the manager
            can be read.
          </Typography>
        )}
        {status !== null && status.ipvsDrift.length > 0 && (
          <Alert severity="warning" data-testid="lb-status-ipvs-drift">
            <AlertTitle>IPVS differs from the model</AlertTitle>
            {status.ipvsDrift.map((d) => (
              <div key={`${d.service}:${d.kind}:${d.message}`}>{d.message}</div>
            ))}
          </Alert>
        )}
        {status !== null && (
          // Model-only rows (the manager was never read) sit in a dashed frame: their states
          // are not live. Not faded: text under opacity fails WCAG contrast.
          <Stack spacing={2} sx={status.error === null ? undefined : MODEL_ONLY_FRAME}>
            {status.services.map((s) => (
              <ServiceStatusTable key={s.key} service={s} />
            ))}
          </Stack>
        )}
        {status !== null && status.services.length === 0 && (
          <Typography color="text.secondary" data-testid="lb-status-empty">
            No service in IPVS or in the model.
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}
