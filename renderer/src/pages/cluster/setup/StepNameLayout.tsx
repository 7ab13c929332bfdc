import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ClusterLayout } from '../../../../../shared/model/cluster';
import { LAYOUTS } from '../../../lib/cluster-model';
import { modelFieldProps } from '../field-props';
import type { SetupDraft } from './setup-draft';

/** Props of {@link StepNameLayout}. */
export interface StepNameLayoutProps {
  draft: SetupDraft;
  errors: Record<string, string>;
  /** The layout the probed hosts' networks suggest, if any. */
  recommended: ClusterLayout | null;
  onChange: (p: Partial<SetupDraft>, fields: string[]) => void;
}

/** Step 1: the cluster's name and its network layout, each layout explained in one line. */
export function StepNameLayout({ draft, errors, recommended, onChange }: StepNameLayoutProps) {
  const setLayout = (value: string) => {
    const layout = LAYOUTS.find((l) => l.value === value)?.value;
    if (layout !== undefined)
      onChange({ layout, layoutChosen: true }, ['layout', 'manager', 'nodes']);
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <TextField
        label="Cluster name"
        value={draft.name}
        placeholder="web"
        autoFocus
        onChange={(e) => onChange({ name: e.target.value }, ['name'])}
        {...modelFieldProps('name', 'cluster-name', errors, {
          hint: 'Lower-case letters, digits and "-"; it appears in the files ClusterDeck writes.',
        })}
      />
      <TextField
        label="Network layout"
        value={draft.layout}
        onChange={(e) => setLayout(e.target.value)}
        {...modelFieldProps('layout', 'cluster-layout', errors, { native: true })}
      >
        {LAYOUTS.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
            {l.value === recommended ? ' (recommended)' : ''}
          </option>
        ))}
      </TextField>
      <Stack spacing={1} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {LAYOUTS.map((l) => (
          <Box
            component="li"
            key={l.value}
            data-testid="layout-explain"
            data-layout={l.value}
            sx={{
              borderLeft: 3,
              borderColor: draft.layout === l.value ? 'primary.main' : 'divider',
              pl: 1.5,
              py: 0.25,
            }}
          >
            <Typography component="span" sx={{ fontWeight: 600 }}>
              {l.label}
            </Typography>
            {l.value === recommended && (
              <Chip
                size="small"
                color="success"
                variant="outlined"
                label="recommended for your hosts"
                sx={{ ml: 1 }}
                data-testid="layout-recommended"
              />
            )}
            <Typography variant="body2" color="text.secondary">
              {l.explain}
            </Typography>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}
