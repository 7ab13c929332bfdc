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
const SNAPSHOTS_FIELD = 'settings.snapshotsBeforeApply';

/** A whole number typed in a field, or NaN (the engine names the field then). */
const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/**
 * Cluster-wide settings: how long a failed queue step waits before it is retried, and how many
 * snapshots taken before applies are kept.
 */
export function SettingsSection({ view }: { view: ClusterView }) {
  const c = view.cluster;
  const saved = String(c.settings.queueRetryIntervalSec);
  const savedKeep = String(c.settings.snapshotsBeforeApply);
  const [text, setText] = useState<string | null>(null);
  const [keepText, setKeepText] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const value = text ?? saved;
  const keep = keepText ?? savedKeep;

  const save = async () => {
    setSaving(true);
    const r = await saveCluster({
      ...c,
      settings: {
        ...c.settings,
        queueRetryIntervalSec: wholeNumber(value),
        snapshotsBeforeApply: wholeNumber(keep),
      },
    });
    setSaving(false);
    if (r.ok) {
      setText(null);
      setKeepText(null);
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
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        sx={{ alignItems: 'flex-start', maxWidth: 860 }}
      >
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
        <TextField
          label="Snapshots kept before applies"
          value={keep}
          onChange={(e) => {
            setKeepText(e.target.value);
            setIssues([]);
          }}
          {...modelFieldProps(
            SNAPSHOTS_FIELD,
            'settings-snapshots-before-apply',
            messagesByField(issues),
            {
              hint: 'Every apply first takes a snapshot; the last ones are kept (0 takes none, default 10).',
              htmlInput: { inputMode: 'numeric' },
            },
          )}
        />
        <Writable>
          <Button
            variant="outlined"
            disabled={saving || (value === saved && keep === savedKeep)}
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
