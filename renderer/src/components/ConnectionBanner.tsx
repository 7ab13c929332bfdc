import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { engineLink } from '../api';
import { useReadOnly } from '../snapshot';
import { useConnectionStore } from '../stores/connection-store';

/**
 * Shown while the link to the engine is down (browser mode: the WebSocket dropped). Not while a
 * snapshot is open: what is shown then needs no engine.
 */
export function ConnectionBanner() {
  const status = useConnectionStore((s) => s.status);
  const everConnected = useConnectionStore((s) => s.everConnected);
  const snapshotOpen = useReadOnly();
  if (snapshotOpen || status === 'connected' || (status === 'connecting' && !everConnected))
    return null;
  if (status === 'unauthorized') {
    return (
      <Alert
        severity="error"
        variant="filled"
        data-testid="connection-banner"
        data-status={status}
        sx={{ borderRadius: 0 }}
      >
        This page has no valid access token for the running ClusterDeck (it may have been
        restarted). Open the URL that ClusterDeck printed at start-up: it carries the token.
      </Alert>
    );
  }
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="connection-banner"
      data-status={status}
      sx={{ borderRadius: 0 }}
      action={
        status === 'disconnected' ? (
          <Button color="inherit" size="small" onClick={() => engineLink.reconnectNow()}>
            Retry now
          </Button>
        ) : undefined
      }
    >
      {everConnected
        ? status === 'connecting'
          ? 'Connection to the engine lost — reconnecting…'
          : 'Connection to the engine lost. Retrying shortly; the data shown may be out of date.'
        : 'Cannot reach the engine. If this persists, open the URL printed at start-up (it carries the access token).'}
    </Alert>
  );
}
