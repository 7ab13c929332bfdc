import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useClustersStore } from '../stores/clusters-store';
import { useUiStore } from '../stores/ui-store';

const APPLY_RESULT = {
  ok: {
    severity: 'success',
    text: 'The last apply finished: every step is done.',
  },
  error: { severity: 'error', text: 'The last apply ended with errors.' },
  cancelled: { severity: 'warning', text: 'The last apply was cancelled.' },
} as const;

/** How the last apply of this cluster ended, with a way to its queue; nothing before one. */
export function LastApplyAlert({ clusterId, testId }: { clusterId: string; testId: string }) {
  const lastApply = useClustersStore((s) => s.lastApply);
  const showQueue = useUiStore((s) => s.showQueue);
  if (lastApply?.clusterId !== clusterId) return null;
  const result = APPLY_RESULT[lastApply.result];
  return (
    <Alert
      severity={result.severity}
      data-testid={testId}
      action={
        <Button color="inherit" size="small" onClick={showQueue}>
          Queue
        </Button>
      }
    >
      {result.text}
    </Alert>
  );
}
