import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { TopologyNodeKind, TopologyTone } from '../../../../shared/topology/types';
import { KIND_ICON, TONE_ICON } from './topology-icons';
import { KIND_LABEL, TONE_COLOR, TONE_MEANING } from './topology-view';

const TONES: TopologyTone[] = ['ok', 'busy', 'warn', 'error', 'muted'];
const KINDS: TopologyNodeKind[] = [
  'internet',
  'network',
  'nat',
  'vip',
  'service',
  'manager',
  'backup',
  'node',
  'group',
  'storage',
];

const ITEM = { display: 'flex', alignItems: 'center', gap: 1 } as const;

/** What every colour, icon and line of the diagram means. */
export function TopologyLegend() {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="topology-legend-title"
      data-testid="topology-legend"
      sx={{ p: 2 }}
    >
      <Typography id="topology-legend-title" variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        Legend
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr' },
        }}
      >
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
          {TONES.map((t) => {
            const Icon = TONE_ICON[t];
            return (
              <Box component="li" key={t} sx={ITEM} data-tone={t}>
                <Icon sx={{ color: TONE_COLOR[t], fontSize: 18 }} aria-hidden />
                <Box
                  aria-hidden
                  sx={{
                    width: 18,
                    height: 12,
                    border: `2px solid ${TONE_COLOR[t]}`,
                    borderRadius: 0.5,
                  }}
                />
                <Typography variant="body2">{TONE_MEANING[t]}</Typography>
              </Box>
            );
          })}
        </Box>
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
          {KINDS.map((k) => {
            const Icon = KIND_ICON[k];
            return (
              <Box component="li" key={k} sx={ITEM}>
                <Icon sx={{ fontSize: 18, color: '#444444' }} aria-hidden />
                <Typography variant="body2">{KIND_LABEL[k]}</Typography>
              </Box>
            );
          })}
        </Box>
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 0.5 }}>
          <Box component="li" sx={ITEM}>
            <Box aria-hidden sx={{ width: 32, borderTop: '2px solid #5f6368' }} />
            <Typography variant="body2">Applied as in the model</Typography>
          </Box>
          <Box component="li" sx={ITEM}>
            <Box aria-hidden sx={{ width: 32, borderTop: '2px dashed #5f6368' }} />
            <Typography variant="body2">
              Not applied yet (hover or open it for what differs)
            </Typography>
          </Box>
          <Box component="li" sx={ITEM}>
            <Box aria-hidden sx={{ width: 32, height: 12, boxShadow: '0 0 0 3px #ffd54f' }} />
            <Typography variant="body2">Matches the search</Typography>
          </Box>
          <Box component="li" sx={ITEM}>
            <Typography variant="body2">
              Edge labels: weight and the real server&apos;s state (up, down, drain, …)
            </Typography>
          </Box>
        </Box>
      </Box>
    </Paper>
  );
}
