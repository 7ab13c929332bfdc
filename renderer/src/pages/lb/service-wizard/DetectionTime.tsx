import Alert from '@mui/material/Alert';
import { detectionTimeSec, type HealthCheck } from '../../../../../shared/model/lb';
import { secondsText as seconds } from '../../../lib/lb-model';

/** The worst-case time from a real server failing to keepalived taking it out. */
export function DetectionTime({ check }: { check: HealthCheck }) {
  const t = detectionTimeSec(check);
  if (t === null)
    return (
      <Alert severity="warning" data-testid="check-detection">
        No health check: a failed server keeps getting connections until you take it out.
      </Alert>
    );
  if (!Number.isFinite(t.refused) || !Number.isFinite(t.silent)) return null;
  return (
    <Alert severity="info" data-testid="check-detection">
      A failed server is taken out within <strong>{seconds(t.refused)}</strong> when it refuses
      connections (service stopped), and within <strong>{seconds(t.silent)}</strong> when it does
      not answer at all (host down).
    </Alert>
  );
}
