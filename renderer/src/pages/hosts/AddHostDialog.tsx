import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type SyntheticEvent } from 'react';
import { pickFile } from '../../api/file-picker';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { addHost } from '../../flows/host-actions';
import {
  EMPTY_ADD_HOST_FORM,
  KEY_PATH_HINT,
  serverFieldErrors,
  toHostInput,
  validateAddHost,
  type AddHostField,
  type AddHostForm,
} from '../../lib/add-host-form';

const METHODS: { value: AddHostForm['method']; label: string }[] = [
  { value: 'agent', label: 'ssh-agent' },
  { value: 'key', label: 'Key file' },
  { value: 'password', label: 'Password' },
];

/** Props of {@link AddHostDialog}. */
export interface AddHostDialogProps {
  open: boolean;
  onClose: () => void;
}

/** The "Add host" form, validated with the contract's schema before it is sent. */
export function AddHostDialog({ open, onClose }: AddHostDialogProps) {
  const [form, setForm] = useState<AddHostForm>(EMPTY_ADD_HOST_FORM);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<AddHostField, string>>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [otherIssues, setOtherIssues] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const close = () => {
    setForm(EMPTY_ADD_HOST_FORM);
    setFieldErrors({});
    setError(null);
    setOtherIssues([]);
    onClose();
  };

  const set = (field: Exclude<AddHostField, 'method'>) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setFieldErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  const setMethod = (value: string) => {
    const method = METHODS.find((m) => m.value === value)?.value;
    if (method === undefined) return;
    setForm((f) => ({ ...f, method }));
    setFieldErrors(({ method: _m, keyPath: _k, ...rest }) => rest);
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    const invalid = validateAddHost(form);
    setFieldErrors(invalid?.fields ?? {});
    setOtherIssues(invalid?.other ?? []);
    if (invalid !== null) return;
    setSaving(true);
    try {
      await addHost(toHostInput(form));
      close();
    } catch (err) {
      const info = toErrorInfo(err);
      const server = serverFieldErrors(info);
      setFieldErrors(server?.fields ?? {});
      setOtherIssues(server?.other ?? []);
      // An error that a field shows (a taken name, an unreadable key) needs no second alert.
      setError(server === null ? info : null);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: Exclude<AddHostField, 'method'>, testId: string, hint = ' ') => ({
    value: form[name],
    onChange: (ev: { target: { value: string } }) => set(name)(ev.target.value),
    error: fieldErrors[name] !== undefined,
    helperText: fieldErrors[name] ?? hint,
    slotProps: {
      htmlInput: { 'data-testid': testId },
      ...(fieldErrors[name] === undefined
        ? {}
        : { formHelperText: { 'data-testid': 'field-error', 'data-field': name } as object }),
    },
  });

  const browseKey = async () => {
    if (pickFile === null) return;
    const path = await pickFile({ title: 'Choose the private key file' });
    if (path !== null) set('keyPath')(path);
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="add-host-title"
      fullWidth
      maxWidth="sm"
      data-testid="add-host-dialog"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="add-host-title">Add host</DialogTitle>
        <DialogContent>
          <Stack spacing={1} sx={{ pt: 1 }}>
            {error !== null && <ErrorAlert error={error} title="Adding the host" />}
            {otherIssues.map((m) => (
              <div key={m} role="alert">
                {m}
              </div>
            ))}
            <TextField label="Name (optional)" autoFocus {...field('name', 'host-name')} />
            <Stack direction="row" spacing={2}>
              <TextField
                label="Address"
                required
                placeholder="web1.example.com or 192.0.2.10"
                {...field('address', 'host-address')}
              />
              <TextField
                label="SSH port"
                sx={{ maxWidth: 140 }}
                {...field('port', 'host-port')}
                slotProps={{ htmlInput: { 'data-testid': 'host-port', inputMode: 'numeric' } }}
              />
            </Stack>
            <TextField label="User" {...field('user', 'host-user')} />
            <TextField
              select
              label="Authentication"
              value={form.method}
              onChange={(ev) => setMethod(ev.target.value)}
              error={fieldErrors.method !== undefined}
              helperText={
                fieldErrors.method ??
                (form.method === 'password'
                  ? 'You will be asked for the password when connecting.'
                  : ' ')
              }
              slotProps={{
                select: { native: true },
                htmlInput: { 'data-testid': 'host-auth-method' },
              }}
            >
              {METHODS.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </TextField>
            {form.method === 'key' && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  label="Private key file"
                  placeholder="~/.ssh/id_ed25519"
                  fullWidth
                  {...field('keyPath', 'host-key-path', KEY_PATH_HINT)}
                />
                {/* The desktop app only: in a browser, the browser's files are not the engine's. */}
                {pickFile !== null && (
                  <Button
                    variant="outlined"
                    sx={{ mt: 1, flexShrink: 0 }}
                    onClick={() => void browseKey()}
                    data-testid="host-key-browse"
                  >
                    Browse…
                  </Button>
                )}
              </Stack>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={saving} data-testid="add-host-submit">
            Add host
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
