import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import type { ClusterAccount } from '../../../../shared/model/cluster';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { setSftpPassword } from '../../flows/account-actions';
import { saveCluster } from '../../flows/cluster-actions';
import {
  describeKey,
  parsePublicKey,
  passwordProblems,
  withAccount,
  withKeys,
} from '../../lib/account-form';
import { useHostsStore } from '../../stores/hosts-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { modelFieldProps } from './field-props';

/**
 * How the account's user uploads its site: SFTP to any web node (confined to its home), with
 * the public keys and the password set here. Keys are saved in the model; a password goes to
 * the engine once and only its hash is kept.
 */
export function SftpAccessSection({
  view,
  account,
}: {
  view: ClusterView;
  account: ClusterAccount;
}) {
  const c = view.cluster;
  const hosts = useHostsStore((s) => s.hosts);
  // sshd takes the accounts' SFTP logins on the enabled nodes (shared/plan/sftp.ts).
  const nodes = c.nodes.filter((n) => n.enabled);
  const keys = account.sftp?.authorizedKeys ?? [];
  const hasPassword = account.sftp?.passwordHash !== undefined;
  return (
    <Stack spacing={1.5} data-testid="account-sftp">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Upload with SFTP
      </Typography>
      <Typography variant="body2" color="text.secondary">
        The account&apos;s user logs in with SFTP on any node and sees only its home. The session
        opens in /public_html, the site&apos;s folder; what is put there is online at once. Logins
        work once the plan with these settings is applied.
      </Typography>
      {nodes.length === 0 && (
        <Typography variant="body2" data-testid="account-sftp-no-node">
          No node yet: SFTP runs on the web nodes, so add a node first.
        </Typography>
      )}
      <List dense disablePadding aria-label="SFTP commands">
        {nodes.map((n) => {
          // The SSH endpoint ClusterDeck itself reaches the node at (address and port go
          // together: a forwarded port belongs to its address, not to the node's public IP).
          const host = hosts.find((h) => h.id === n.hostId);
          const address = host?.address ?? n.publicIp;
          const port = host !== undefined && host.port !== 22 ? `-P ${host.port} ` : '';
          const command = `sftp ${port}${account.name}@${address}`;
          return (
            <ListItem key={n.hostId} disableGutters data-testid="account-sftp-command">
              <Typography variant="body2" sx={{ minWidth: 120 }}>
                {host?.name ?? n.hostId}
              </Typography>
              <Box component="code" sx={{ fontFamily: MONO, fontSize: 13 }}>
                {command}
              </Box>
              <CopyButton
                text={command}
                label={`Copy the SFTP command for ${host?.name ?? n.hostId}`}
              />
              {address !== n.publicIp && (
                <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  as ClusterDeck reaches it; public address {n.publicIp}
                </Typography>
              )}
            </ListItem>
          );
        })}
      </List>
      <KeysEditor view={view} account={account} keys={keys} />
      <PasswordEditor clusterId={c.id} account={account.name} hasPassword={hasPassword} />
    </Stack>
  );
}

function KeysEditor({
  view,
  account,
  keys,
}: {
  view: ClusterView;
  account: ClusterAccount;
  keys: string[];
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<{ info: ErrorInfo; context: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (next: string[], context: string) => {
    setSaving(true);
    const r = await saveCluster(withAccount(view.cluster, withKeys(account, next)));
    setSaving(false);
    setError(r.ok ? null : { info: r.error, context });
    return r.ok;
  };
  const add = async () => {
    const key = parsePublicKey(text, keys);
    if (!key.ok) {
      setProblem(key.message);
      return;
    }
    if (await save([...keys, key.value], 'Adding the key')) setText('');
  };
  return (
    <Stack spacing={1}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        Public keys
      </Typography>
      {error !== null && <ErrorAlert error={error.info} title={error.context} />}
      {keys.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="account-no-keys">
          No key yet.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Public keys">
          {keys.map((k) => {
            const d = describeKey(k);
            return (
              <ListItem
                key={k}
                disableGutters
                data-testid="account-key"
                secondaryAction={
                  <Writable>
                    <Button
                      size="small"
                      color="error"
                      disabled={saving}
                      aria-label={`Remove key ${d.comment || d.short}`}
                      onClick={() =>
                        void save(
                          keys.filter((x) => x !== k),
                          'Removing the key',
                        )
                      }
                      data-testid="account-key-remove"
                    >
                      Remove
                    </Button>
                  </Writable>
                }
              >
                <Typography variant="body2" sx={{ fontFamily: MONO, pr: 10 }}>
                  {d.type} {d.short} {d.comment}
                </Typography>
              </ListItem>
            );
          })}
        </List>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Add a public key"
          value={text}
          fullWidth
          placeholder="ssh-ed25519 AAAA... user@laptop"
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          {...modelFieldProps(
            'sftp.authorizedKeys',
            'account-key-input',
            problem === null ? {} : { 'sftp.authorizedKeys': problem },
            { hint: 'The one line of a .pub file, e.g. ~/.ssh/id_ed25519.pub.' },
          )}
        />
        <Writable>
          <Button
            variant="outlined"
            disabled={saving || text.trim() === ''}
            onClick={() => void add()}
            data-testid="account-key-add"
            sx={{ mt: 1, flexShrink: 0 }}
          >
            Add key
          </Button>
        </Writable>
      </Stack>
    </Stack>
  );
}

function PasswordEditor({
  clusterId,
  account,
  hasPassword,
}: {
  clusterId: string;
  account: string;
  hasPassword: boolean;
}) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = tried ? passwordProblems(password, repeat) : { password: null, repeat: null };
  const errors: Record<string, string> = {};
  if (problems.password !== null) errors['sftp.password'] = problems.password;
  if (problems.repeat !== null) errors['sftp.passwordRepeat'] = problems.repeat;

  const send = async (value: string | null) => {
    setBusy(true);
    try {
      await setSftpPassword(clusterId, account, value);
      setError(null);
    } catch (e) {
      setError(toErrorInfo(e));
    } finally {
      setBusy(false);
    }
  };
  const set = async () => {
    setTried(true);
    const p = passwordProblems(password, repeat);
    if (p.password !== null || p.repeat !== null) return;
    const value = password;
    // The fields are emptied before the request: the password is not kept on the page.
    setPassword('');
    setRepeat('');
    setTried(false);
    await send(value);
  };
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          Password
        </Typography>
        <Chip
          size="small"
          data-testid="account-password-state"
          data-set={String(hasPassword)}
          color={hasPassword ? 'success' : 'default'}
          variant={hasPassword ? 'filled' : 'outlined'}
          label={hasPassword ? 'password set' : 'no password'}
        />
        {hasPassword && (
          <Writable>
            <Button
              size="small"
              color="error"
              disabled={busy}
              onClick={() => void send(null)}
              data-testid="account-password-remove"
            >
              Remove password
            </Button>
          </Writable>
        )}
      </Stack>
      {error !== null && <ErrorAlert error={error} title="Setting the password" />}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={hasPassword ? 'New password' : 'Password'}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...modelFieldProps('sftp.password', 'account-password', errors, {
            hint: 'At least 8 characters; it is never shown again.',
          })}
        />
        <TextField
          label="Password again"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          {...modelFieldProps('sftp.passwordRepeat', 'account-password-repeat', errors)}
        />
        <Writable>
          <Button
            variant="outlined"
            disabled={busy || password === ''}
            onClick={() => void set()}
            data-testid="account-password-set"
            sx={{ mt: 1, flexShrink: 0 }}
          >
            Set password
          </Button>
        </Writable>
      </Stack>
    </Stack>
  );
}
