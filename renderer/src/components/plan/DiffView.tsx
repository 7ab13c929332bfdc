import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { PlannedFile } from '../../../../shared/plan/types';
import { MONO } from '../../theme';
import { diffLines, fileChange, type DiffLineKind } from './plan-logic';

const LINE_SX: Record<DiffLineKind, { color?: string; bgcolor?: string; fontWeight?: number }> = {
  add: { color: '#1b5e20', bgcolor: '#e8f5e9' },
  del: { color: '#b71c1c', bgcolor: '#ffebee' },
  hunk: { color: '#0d47a1', bgcolor: '#e3f2fd' },
  header: { color: 'text.secondary', fontWeight: 600 },
  meta: { color: 'text.secondary' },
  context: {},
};

/** A planned file's unified diff with coloured lines, or "no change". */
export function DiffView({ file }: { file: PlannedFile }) {
  const change = fileChange(file);
  // A new file's diff may be empty when the engine did not diff against nothing: show content.
  const text =
    file.diff === '' && change === 'new'
      ? file.content
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n')
      : file.diff;
  const lines = diffLines(text);
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
