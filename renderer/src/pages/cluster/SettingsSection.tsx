import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { ErrorInfo } from '../../../../shared/api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveCluster } from '../../flows/cluster-actions';
import { messagesByField, type FieldIssue } from '../../lib/cluster-fields';
import { Writable } from '../../snapshot';
import { modelFieldProps } from './field-props';

const FIELD = 'settings.queueRetryIntervalSec';

/** Cluster-wide settings: how long a failed queue step waits before it is retried. */
export function SettingsSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const saved = String(c.settings.queueRetryIntervalSec);
  const [text, setText] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const value = text ?? saved;

  const save = async () => {
    setSaving(true);
    const sec = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    const r = await saveCluster({ ...c, settings: { ...c.settings, queueRetryIntervalSec: sec } });
    setSaving(false);
    if (r.ok) {
      setText(null);
      setIssues([]);
      setError(null);
    } else {
      setIssues(r.issues);
      setError(r.issues.length === 0 ? r.error : null);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="cluster-settings">
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        Settings
      </Typography>
      {error !== null && <ErrorAlert error={error} title="Saving the settings" />}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', maxWidth: 560 }}>
        <TextField
          label="Queue retry interval (seconds)"
          value={value}
          onChange={(e) => {
            setText(e.target.value);
            setIssues([]);
          }}
          {...modelFieldProps(FIELD, 'settings-retry', messagesByField(issues), {
            hint: 'How long a failed step waits before it is tried again (default 300 s).',
            htmlInput: { inputMode: 'numeric' },
          })}
        />
        <Writable>
          <Button
            variant="outlined"
            disabled={saving || value === saved}
            onClick={() => void save()}
            data-testid="settings-save"
            sx={{ mt: 0.25 }}
          >
            Save
          </Button>
        </Writable>
      </Stack>
    </Paper>
  );
}
