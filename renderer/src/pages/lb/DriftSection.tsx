import BuildIcon from '@mui/icons-material/Build';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ClusterView } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { previewRepair } from '../../flows/lb-actions';
import { formatTime } from '../../lib/format';
import { useLbDriftStore } from '../../stores/lb-drift-store';
import { Writable } from '../../snapshot';
import { DriftItemView } from './DriftItemView';

/** Compares the hosts and the live IPVS table with the model; offers the plan that repairs it. */
export function DriftSection({ view }: { view: ClusterView }) {
  const id = view.cluster.id;
  const mine = useLbDriftStore((s) => s.clusterId === id);
  const report = useLbDriftStore((s) => (mine ? s.report : null));
  const checking = useLbDriftStore((s) => mine && s.checking);
  const error = useLbDriftStore((s) => (mine ? s.error : null));
  const check = useLbDriftStore((s) => s.check);

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="lb-drift">
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Drift
        </Typography>
        <Stack direction="row" spacing={1}>
          <Writable>
            {report?.planHash != null && (
              <Button
                variant="contained"
                startIcon={<BuildIcon />}
                onClick={() => void previewRepair(id, report.planHash)}
                data-testid="drift-repair"
              >
                Repair
              </Button>
            )}
          </Writable>
          <Button
            startIcon={checking ? <CircularProgress size={16} /> : <CompareArrowsIcon />}
            disabled={checking}
            onClick={() => void check(id)}
            data-testid="drift-check"
          >
            Check drift
          </Button>
        </Stack>
      </Stack>
      <Stack spacing={1.5}>
        {report === null && !checking && error === null && (
          <Typography variant="body2" color="text.secondary">
            Reads keepalived.conf, the VIPs, exports, mounts and the live IPVS table of every host
            and compares them with the model (10-30 s).
          </Typography>
        )}
        {checking && (
          <Typography variant="body2" color="text.secondary">
            Observing the hosts…
          </Typography>
        )}
        {error !== null && <ErrorAlert error={error} title="Checking drift" testId="drift-error" />}
        {report !== null && report.inSync && (
          <Alert severity="success" data-testid="drift-in-sync">
            In sync at {formatTime(report.at)}: every host is as the model says.
          </Alert>
        )}
        {report !== null && !report.inSync && (
          <Alert severity="warning" data-testid="drift-found">
            {report.items.length} step{report.items.length === 1 ? '' : 's'} differ from the model
            (checked {formatTime(report.at)}). Repair opens the plan that puts them back.
          </Alert>
        )}
        {report !== null && report.ipvsDrift.length > 0 && (
          <Alert severity="info" data-testid="drift-ipvs">
            <AlertTitle>Live IPVS table against the model</AlertTitle>
            {report.ipvsDrift.map((d) => (
              <div
                key={`${d.service}:${d.kind}:${d.message}`}
                data-testid="drift-ipvs-item"
                data-kind={d.kind}
              >
                {d.message}
              </div>
            ))}
          </Alert>
        )}
        {report?.items.map((item) => (
          <DriftItemView key={`${item.hostId}:${item.stepId}`} item={item} />
        ))}
      </Stack>
    </Paper>
  );
}
