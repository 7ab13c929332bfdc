import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type SyntheticEvent } from 'react';
import type { ErrorInfo } from '../../../../shared/api/errors';
import type { HostView } from '../../../../shared/model/host';
import { formatEndpoint } from '../../lib/format';
import { ErrorAlert } from '../ErrorAlert';

/** Props of {@link CredentialDialog}. */
export interface CredentialDialogProps {
  host: HostView | undefined;
  hostId: string;
  credential: 'password' | 'passphrase';
  error: ErrorInfo | null;
  /** Offer "Remember" only when the engine has a safe secret store. */
  canRemember: boolean;
  secretBackend: string | undefined;
  busy: boolean;
  onSubmit: (secret: string, remember: boolean) => void;
  onCancel: () => void;
}

/** Prompts for a password or key passphrase; the secret goes to the engine and nowhere else. */
export function CredentialDialog(props: CredentialDialogProps) {
  const { host, hostId, credential, error, canRemember, secretBackend, busy, onSubmit, onCancel } =
    props;
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const what = credential === 'passphrase' ? 'Key passphrase' : 'Password';
  const target =
    host === undefined
      ? hostId
      : credential === 'passphrase' && host.auth.method === 'key'
        ? host.auth.keyPath
        : `${host.user}@${formatEndpoint(host.address, host.port)}`;

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (secret === '') return;
    onSubmit(secret, canRemember && remember);
    setSecret('');
  };

  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby="credential-title"
      data-testid="credential-dialog"
      maxWidth="xs"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="credential-title">{what} required</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <DialogContentText>
              Enter the {credential === 'passphrase' ? 'passphrase of the key' : 'password'} for{' '}
              <strong>{target}</strong>.
            </DialogContentText>
            {error !== null && <ErrorAlert error={error} title="Not connected" />}
            <TextField
              type="password"
              label={what}
              autoFocus
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'credential-input' } }}
            />
            {canRemember && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={remember}
                    onChange={(e) => setRemember(e.target.checked)}
                    slotProps={{
                      input: { 'data-testid': 'credential-remember' } as Record<string, string>,
                    }}
                  />
                }
                label={`Remember it (encrypted with ${secretBackend ?? 'the system keyring'})`}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || secret === ''}
            data-testid="credential-submit"
          >
            Connect
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
