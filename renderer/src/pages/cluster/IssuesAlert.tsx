import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import type { ClusterView } from '../../../../shared/api/contract';

/** A cluster's validation findings against the latest facts: errors first, then warnings. */
export function IssuesAlert({ issues }: { issues: ClusterView['issues'] }) {
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const list = (items: typeof issues) => (
    <Stack component="ul" spacing={0.25} sx={{ m: 0, pl: 2 }}>
      {items.map((i) => (
        <li key={`${i.field}:${i.message}`} data-testid="cluster-issue" data-field={i.field}>
          <code>{i.field}</code>: {i.message}
        </li>
      ))}
    </Stack>
  );
  return (
    <>
      {errors.length > 0 && (
        <Alert severity="error" data-testid="cluster-errors">
          <AlertTitle>Problems that block a plan</AlertTitle>
          {list(errors)}
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert severity="warning" data-testid="cluster-warnings">
          <AlertTitle>Warnings</AlertTitle>
          {list(warnings)}
        </Alert>
      )}
    </>
  );
}
