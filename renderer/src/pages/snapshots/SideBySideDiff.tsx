import Box from '@mui/material/Box';
import { MONO } from '../../theme';
import { lineMarker, parseUnifiedDiff, sideBySide, type DiffLine } from './file-diff-lines';

/** The colours of the plan preview's diffs (DiffText); the + / - markers carry the meaning. */
const SIDE_SX = {
  add: { color: '#1b5e20', bgcolor: '#e8f5e9' },
  del: { color: '#b71c1c', bgcolor: '#ffebee' },
  hunk: { color: '#0d47a1', bgcolor: '#e3f2fd' },
  context: {},
} as const;

const CELL = { px: 1, py: 0, verticalAlign: 'top', whiteSpace: 'pre' } as const;

function Side({ line, which }: { line: DiffLine | null; which: 'old' | 'new' }) {
  if (line === null) {
    return (
      <>
        <Box component="td" sx={{ ...CELL, bgcolor: 'grey.100' }} />
        <Box component="td" sx={{ ...CELL, bgcolor: 'grey.100' }} />
      </>
    );
  }
  const no = which === 'old' ? line.oldNo : line.newNo;
  return (
    <>
      <Box component="td" sx={{ ...CELL, color: 'text.secondary', textAlign: 'right' }}>
        {no ?? ''}
      </Box>
      <Box component="td" data-kind={line.kind} sx={{ ...CELL, ...SIDE_SX[line.kind] }}>
        {`${lineMarker(line.kind)} ${line.text}`}
      </Box>
    </>
  );
}

/** A file's unified diff as two columns: the older file left, the newer right. */
export function SideBySideDiff({ diff }: { diff: string }) {
  const rows = sideBySide(parseUnifiedDiff(diff));
  return (
    <Box
      sx={{ overflow: 'auto', maxHeight: 360, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Box
        component="table"
        data-testid="snapshot-diff-split"
        sx={{ fontFamily: MONO, fontSize: 12, lineHeight: 1.5, borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            <Box component="th" scope="col" colSpan={2} sx={{ ...CELL, textAlign: 'left' }}>
              Older
            </Box>
            <Box component="th" scope="col" colSpan={2} sx={{ ...CELL, textAlign: 'left' }}>
              Newer
            </Box>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) =>
            row.kind === 'hunk' ? (
              <tr key={i}>
                <Box component="td" colSpan={4} sx={{ ...CELL, ...SIDE_SX.hunk }}>
                  {row.left?.text}
                </Box>
              </tr>
            ) : (
              <tr key={i} data-kind={row.kind}>
                <Side line={row.left} which="old" />
                <Side line={row.right} which="new" />
              </tr>
            ),
          )}
        </tbody>
      </Box>
    </Box>
  );
}
