import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { HostView } from '../../../../shared/model/host';
import { fingerprintCommand } from '../../flows/connect-steps';
import { formatEndpoint } from '../../lib/format';
import { MONO } from '../../theme';

/** Props of {@link TrustKeyDialog}. */
export interface TrustKeyDialogProps {
  host: HostView | undefined;
  hostId: string;
  keyType: string;
  fingerprint: string;
  busy: boolean;
  onTrust: () => void;
  onReject: () => void;
}

const mono = { fontFamily: MONO, wordBreak: 'break-all' } as const;

/** Asks the admin to verify a host key seen for the first time before trusting it. */
export function TrustKeyDialog({
  host,
  hostId,
  keyType,
  fingerprint,
  busy,
  onTrust,
  onReject,
}: TrustKeyDialogProps) {
  return (
    <Dialog
      open
      onClose={onReject}
      aria-labelledby="trust-title"
      data-testid="trust-dialog"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="trust-title">Verify the host key</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>
          ClusterDeck has not seen the SSH host key of <strong>{host?.name ?? hostId}</strong>{' '}
          {host !== undefined && (
            <Box
              component="span"
              sx={{ fontFamily: MONO, whiteSpace: 'nowrap' }}
              data-testid="trust-endpoint"
            >
              ({formatEndpoint(host.address, host.port)})
            </Box>
          )}{' '}
          before. The server presented:
        </Typography>
        <Box
          sx={{
            my: 2,
            p: 2,
            borderRadius: 1,
            bgcolor: 'grey.100',
            display: 'grid',
            gridTemplateColumns: 'auto 1fr',
            gap: 1,
          }}
        >
          <Typography component="span" color="text.secondary">
            Key type
          </Typography>
          <Box component="span" sx={mono} data-testid="trust-key-type">
            {keyType}
          </Box>
          <Typography component="span" color="text.secondary">
            Fingerprint
          </Typography>
          <Box component="span" sx={{ ...mono, fontWeight: 600 }} data-testid="trust-fingerprint">
            {fingerprint}
          </Box>
        </Box>
        <Alert severity="info">
          Before trusting it, log in to the server by another way you trust (console, provider
          panel) and compare with the output of{' '}
          <Box component="code" sx={mono}>
            {fingerprintCommand(keyType)}
          </Box>
          . If they differ, someone may be intercepting the connection: do not trust the key.
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onReject} data-testid="trust-reject" autoFocus>
          Do not trust
        </Button>
        <Button onClick={onTrust} variant="contained" disabled={busy} data-testid="trust-accept">
          Trust and connect
        </Button>
      </DialogActions>
    </Dialog>
  );
}
