import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveCluster } from '../../flows/cluster-actions';
import { foldListIssues, parseAliases, parsePublicKey, wholeNumber } from '../../lib/account-form';
import { messagesByField, unshownIssues, type FieldIssue } from '../../lib/cluster-fields';
import { DEFAULT_QUOTA_MIB, suggestAccountId } from '../../lib/cluster-model';
import { modelFieldProps } from './field-props';

type Form = Record<'name' | 'uid' | 'gid' | 'quota' | 'domain' | 'aliases' | 'key', string>;

/** Props of {@link AddAccountDialog}. */
export interface AddAccountDialogProps {
  open: boolean;
  view: ClusterView;
  onClose: () => void;
}

/**
 * Adds a hosting account; uid and gid are suggested (highest in use + 1, at least 2000). Aliases
 * and a first SFTP key are optional.
 */
export function AddAccountDialog({ open, view, onClose }: AddAccountDialogProps) {
  const c = view.cluster;
  const fresh = (): Form => ({
    name: '',
    uid: String(suggestAccountId(c.accounts, 'uid')),
    gid: String(suggestAccountId(c.accounts, 'gid')),
    quota: String(DEFAULT_QUOTA_MIB),
    domain: '',
    aliases: '',
    key: '',
  });
  const [form, setForm] = useState<Form | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const f = form ?? fresh();
  const path = `accounts.${c.accounts.length}`;
  const keys = {
    name: 'name',
    uid: 'uid',
    gid: 'gid',
    quota: 'quotaMiB',
    domain: 'domain',
    aliases: 'aliases',
    key: 'sftp.authorizedKeys',
  } as const;
  // A bad alias or key is reported on its own path (aliases.2); its field shows them all.
  const shownIssues = foldListIssues(issues, [`${path}.${keys.aliases}`, `${path}.${keys.key}`]);
  const errors = messagesByField(shownIssues);
  const other = unshownIssues(shownIssues, new Set(Object.values(keys).map((k) => `${path}.${k}`)));

  const close = () => {
    setForm(null);
    setIssues([]);
    setError(null);
    onClose();
  };
  const save = async () => {
    const aliases = parseAliases(f.aliases, f.domain);
    const key = f.key.trim() === '' ? null : parsePublicKey(f.key);
    const problems: FieldIssue[] = [];
    if (!aliases.ok) problems.push({ field: `${path}.${keys.aliases}`, message: aliases.message });
    if (key !== null && !key.ok)
      problems.push({ field: `${path}.${keys.key}`, message: key.message });
    if (!aliases.ok || (key !== null && !key.ok)) {
      setIssues(problems);
      return;
    }
    setSaving(true);
    const account = {
      name: f.name.trim(),
      uid: wholeNumber(f.uid),
      gid: wholeNumber(f.gid),
      quotaMiB: wholeNumber(f.quota),
      domain: f.domain.trim(),
      ...(aliases.value.length > 0 ? { aliases: aliases.value } : {}),
      ...(key === null ? {} : { sftp: { authorizedKeys: [key.value] } }),
    };
    const r = await saveCluster({ ...c, accounts: [...c.accounts, account] });
    setSaving(false);
    if (r.ok) close();
    else {
      setIssues(r.issues);
      setError(r.issues.length === 0 ? r.error : null);
    }
  };
  const field = (key: keyof Form, testId: string, hint?: string) => ({
    value: f[key],
    onChange: (e: { target: { value: string } }) => {
      setForm({ ...f, [key]: e.target.value });
      const p = `${path}.${keys[key]}`;
      setIssues((l) => l.filter((i) => i.field !== p && !i.field.startsWith(`${p}.`)));
    },
    ...modelFieldProps(`${path}.${keys[key]}`, testId, errors, hint === undefined ? {} : { hint }),
  });

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="add-account-dialog">
      <DialogTitle>Add hosting account</DialogTitle>
      <DialogContent>
        <Stack spacing={1} sx={{ pt: 1 }}>
          {error !== null && <ErrorAlert error={error} title="Adding the account" />}
          {other.length > 0 && (
            <Alert severity="error" data-testid="add-account-issues">
              {other.map((m) => (
                <div key={m}>{m}</div>
              ))}
            </Alert>
          )}
          <TextField
            label="User name"
            autoFocus
            {...field('name', 'account-name', 'A Unix user name, e.g. alice.')}
          />
          <Stack direction="row" spacing={2}>
            <TextField label="UID" {...field('uid', 'account-uid')} />
            <TextField label="GID" {...field('gid', 'account-gid')} />
          </Stack>
          <TextField
            label="Quota (MiB)"
            {...field('quota', 'account-quota', '0 means no limit.')}
          />
          <TextField
            label="Domain"
            {...field('domain', 'account-domain', 'The site, e.g. example.com.')}
          />
          <TextField
            label="Aliases (optional)"
            multiline
            minRows={1}
            {...field('aliases', 'account-aliases', 'More names of the site, one per line.')}
          />
          <TextField
            label="SFTP public key (optional)"
            placeholder="ssh-ed25519 AAAA... user@laptop"
            {...field(
              'key',
              'account-key',
              "The account's user uploads the site with it; more keys and a password in its details.",
            )}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          variant="contained"
          disabled={saving}
          onClick={() => void save()}
          data-testid="account-submit"
        >
          Add account
        </Button>
      </DialogActions>
    </Dialog>
  );
}
