import GppBadIcon from '@mui/icons-material/GppBad';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { detailsOf, type ErrorInfo } from '../../../../shared/api/errors';
import type { HostView } from '../../../../shared/model/host';
import { formatEndpoint } from '../../lib/format';
import { MONO } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';

/** Props of {@link HostKeyChangedDialog}. */
export interface HostKeyChangedDialogProps {
  host: HostView | undefined;
  hostId: string;
  error: ErrorInfo;
  confirmForget: boolean;
  busy: boolean;
  onAskForget: (show: boolean) => void;
  onForget: () => void;
  onClose: () => void;
}

/**
 * Refuses a connection whose host key differs from the trusted one. There is no way to trust
 * the new key from here: only to forget the old one, behind a confirmation of the risk.
 */
export function HostKeyChangedDialog(props: HostKeyChangedDialogProps) {
  const { host, hostId, error, confirmForget, busy, onAskForget, onForget, onClose } = props;
  const key = detailsOf(error, 'HOST_KEY_CHANGED');
  const seen = key?.fingerprint ?? null;
  const trusted = key?.trustedFingerprint ?? host?.trustedKey?.fingerprint ?? null;
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="key-changed-title"
      maxWidth="sm"
      fullWidth
      data-testid="key-changed-dialog"
    >
      <DialogTitle
        id="key-changed-title"
        sx={{ color: 'error.main', display: 'flex', alignItems: 'center', gap: 1 }}
      >
        <GppBadIcon /> Connection refused: host key changed
      </DialogTitle>
      <DialogContent>
        <Box
          data-testid="host-key-changed"
          sx={{ border: 2, borderColor: 'error.main', borderRadius: 1 }}
        >
          <ErrorAlert
            error={error}
            title={`${host?.name ?? hostId}${host ? ` (${formatEndpoint(host.address, host.port)})` : ''}`}
          />
        </Box>
        {(trusted !== null || seen !== null) && (
          <Box
            sx={{ mt: 2, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: 1, fontSize: 14 }}
          >
            {trusted !== null && (
              <>
                <span>Trusted key</span>
                <Box component="span" sx={{ fontFamily: MONO, wordBreak: 'break-all' }}>
                  {trusted}
                </Box>
              </>
            )}
            {seen !== null && (
              <>
                <span>Presented now</span>
                <Box
                  component="span"
                  sx={{ fontFamily: MONO, wordBreak: 'break-all', color: 'error.main' }}
                >
                  {seen}
                </Box>
              </>
            )}
          </Box>
        )}
        {confirmForget && (
          <Box
            sx={{ mt: 2, p: 2, border: 2, borderColor: 'error.main', borderRadius: 1 }}
            data-testid="forget-confirm"
          >
            <Typography gutterBottom sx={{ fontWeight: 600 }}>
              Forget the trusted key only if you know why it changed.
            </Typography>
            <Typography variant="body2">
              If the server was not reinstalled and its SSH keys were not regenerated on purpose,
              someone may be impersonating it to capture your credentials. After forgetting,
              ClusterDeck connects again and shows the new key: compare it on the server's console
              before trusting it.
            </Typography>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {confirmForget ? (
          <>
            <Button onClick={() => onAskForget(false)} autoFocus>
              Keep the old key
            </Button>
            <Button
              color="error"
              variant="contained"
              disabled={busy}
              onClick={onForget}
              data-testid="forget-key-confirm"
            >
              Forget it and reconnect
            </Button>
          </>
        ) : (
          <>
            <Button color="error" onClick={() => onAskForget(true)} data-testid="forget-key">
              Forget the old key…
            </Button>
            <Button variant="contained" onClick={onClose} autoFocus data-testid="key-changed-close">
              Close
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
