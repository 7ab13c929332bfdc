import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DriftItem } from '../../../../shared/lb/status';
import { DiffText } from '../../components/plan/DiffText';
import { MONO } from '../../theme';

/** One step whose check fails on its host: what differs, with the files' diffs. */
export function DriftItemView({ item }: { item: DriftItem }) {
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5 }}
      data-testid="drift-item"
      data-host-id={item.hostId}
      data-step-id={item.stepId}
    >
      <Stack spacing={1}>
        <Typography sx={{ fontWeight: 600 }}>
          {item.hostName}: {item.title}{' '}
          <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary' }}>
            {item.stepId}
          </Box>
        </Typography>
        {item.files.map((f) => (
          <Box key={f.path} data-testid="drift-file" data-path={f.path}>
            <Typography sx={{ fontFamily: MONO, fontSize: 13, fontWeight: 600, mb: 0.5 }}>
              {f.path}
            </Typography>
            <DiffText diff={f.diff} />
          </Box>
        ))}
        {item.detail !== '' && (
          <Box
            component="pre"
            data-testid="drift-detail"
            sx={{
              fontFamily: MONO,
              fontSize: 12,
              m: 0,
              p: 1,
              bgcolor: 'grey.100',
              borderRadius: 1,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {item.detail}
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
