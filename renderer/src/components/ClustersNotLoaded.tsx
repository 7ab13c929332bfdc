import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useClustersStore } from '../stores/clusters-store';
import { ErrorAlert } from './ErrorAlert';

/** What a page about clusters shows before the list is loaded: progress, or why not and Retry. */
export function ClustersNotLoaded() {
  const error = useClustersStore((s) => s.error);
  const refresh = useClustersStore((s) => s.refresh);
  if (error === null)
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={18} />
        <Typography>Loading the clusters…</Typography>
      </Stack>
    );
  return (
    <ErrorAlert
      error={error}
      title="Loading the clusters"
      action={
        <Button color="inherit" size="small" onClick={() => void refresh()}>
          Retry
        </Button>
      }
    />
  );
}
