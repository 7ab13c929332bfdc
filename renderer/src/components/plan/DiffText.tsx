import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { MONO } from '../../theme';
import { diffLines, type DiffLineKind } from './plan-logic';

const LINE_SX: Record<DiffLineKind, { color?: string; bgcolor?: string; fontWeight?: number }> = {
  add: { color: '#1b5e20', bgcolor: '#e8f5e9' },
  del: { color: '#b71c1c', bgcolor: '#ffebee' },
  hunk: { color: '#0d47a1', bgcolor: '#e3f2fd' },
  header: { color: 'text.secondary', fontWeight: 600 },
  meta: { color: 'text.secondary' },
  context: {},
};

/** A unified diff with coloured lines, or "no change" when it is empty. */
export function DiffText({ diff }: { diff: string }) {
  const lines = diffLines(diff);
  if (lines.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="plan-diff" data-empty="true">
        no change
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      data-testid="plan-diff"
      sx={{
        fontFamily: MONO,
        fontSize: 12,
        lineHeight: 1.5,
        m: 0,
        maxHeight: 360,
        overflow: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
    >
      {lines.map((line, i) => (
        <Box
          key={i}
          component="span"
          data-kind={line.kind}
          sx={{ display: 'block', px: 1, minWidth: 'max-content', ...LINE_SX[line.kind] }}
        >
          {line.text === '' ? ' ' : line.text}
        </Box>
      ))}
    </Box>
  );
}
