import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/api/errors';
import type { ClusterAccount } from '../../../../shared/model/cluster';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SaveButton } from '../../components/SaveButton';
import { saveCluster } from '../../flows/cluster-actions';
import {
  applyEdit,
  editFormOf,
  foldListIssues,
  withAccount,
  type AccountEditForm,
} from '../../lib/account-form';
import { messagesByField, unshownIssues, type FieldIssue } from '../../lib/cluster-fields';
import { modelFieldProps } from './field-props';

/** Props of {@link EditAccountDialog}. */
export interface EditAccountDialogProps {
  view: ClusterView;
  /** The account as saved; the dialog is open while it is set. */
  account: ClusterAccount | null;
  onClose: () => void;
}

/**
 * Edits an account's quota, domain and aliases (saved in the model, applied with the next
 * plan). Name, uid and gid are shown only: the files on the storage belong to those ids.
 */
export function EditAccountDialog({ view, account, onClose }: EditAccountDialogProps) {
  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="account-edit-title"
      data-testid="account-edit-dialog"
    >
      {account !== null && <EditForm view={view} account={account} onClose={onClose} />}
    </Dialog>
  );
}

function EditForm({
  view,
  account,
  onClose,
}: EditAccountDialogProps & { account: ClusterAccount }) {
  const c = view.cluster;
  const [form, setForm] = useState<AccountEditForm>(() => editFormOf(account));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const path = `accounts.${c.accounts.findIndex((a) => a.name === account.name)}`;
  const paths = { quota: `${path}.quotaMiB`, domain: `${path}.domain`, aliases: `${path}.aliases` };
  // A bad alias is reported on its own path (aliases.2); the field shows them all.
  const shownIssues = foldListIssues(issues, [paths.aliases]);
  const errors = messagesByField(shownIssues);
  const other = unshownIssues(shownIssues, new Set(Object.values(paths)));

  const save = async () => {
    const edit = applyEdit(account, form);
    if (!edit.ok) {
      setIssues([{ field: paths.aliases, message: edit.aliases }]);
      return;
    }
    setSaving(true);
    const r = await saveCluster(withAccount(c, edit.account));
    setSaving(false);
    if (r.ok) onClose();
    else {
      setIssues(r.issues);
      setError(r.issues.length === 0 ? r.error : null);
    }
  };
  const field = (key: keyof AccountEditForm, testId: string, hint: string) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => {
      setForm({ ...form, [key]: e.target.value });
      setIssues((l) => l.filter((i) => i.field !== paths[key]));
    },
    ...modelFieldProps(paths[key], testId, errors, { hint }),
  });

  return (
    <>
      <DialogTitle id="account-edit-title">Edit account {account.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={1} sx={{ pt: 1 }}>
          {error !== null && <ErrorAlert error={error} title="Saving the account" />}
          {other.length > 0 && (
            <Alert severity="error" data-testid="account-edit-issues">
              {other.map((m) => (
                <div key={m}>{m}</div>
              ))}
            </Alert>
          )}
          <Typography variant="body2" color="text.secondary" data-testid="account-edit-ids">
            User {account.name}, UID {account.uid}, GID {account.gid}: these cannot change, since
            the account&apos;s files on the shared storage belong to them.
          </Typography>
          <TextField
            label="Quota (MiB)"
            autoFocus
            {...field('quota', 'account-edit-quota', '0 means no limit.')}
          />
          <TextField
            label="Domain"
            {...field(
              'domain',
              'account-edit-domain',
              'The site, e.g. example.com; www. is served too.',
            )}
          />
          <TextField
            label="Aliases"
            multiline
            minRows={2}
            {...field(
              'aliases',
              'account-edit-aliases',
              'More names of the same site, one per line (optional).',
            )}
          />
          <Typography variant="body2" color="text.secondary">
            Saving changes the desired model only; the hosts follow when the plan is applied.
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <SaveButton saving={saving} onSave={() => void save()} testId="account-edit-save" />
      </DialogActions>
    </>
  );
}
