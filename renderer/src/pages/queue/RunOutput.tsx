import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { MONO } from '../../theme';

/** Props of {@link RunOutput}. */
export interface RunOutputProps {
  stream: 'stdout' | 'stderr';
  text: string;
  defaultOpen: boolean;
}

/** A run's stdout or stderr, collapsible, monospace, scrolling when long. */
export function RunOutput({ stream, text, defaultOpen }: RunOutputProps) {
  const [open, setOpen] = useState(defaultOpen);
  if (text === '') return null;
  const lines = text.replace(/\n$/, '').split('\n').length;
  return (
    <Box data-testid={`queue-run-${stream}`}>
      <Button
        size="small"
        onClick={() => setOpen(!open)}
        startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        sx={{ textTransform: 'none', px: 0.5 }}
        aria-expanded={open}
      >
        {stream} ({lines} {lines === 1 ? 'line' : 'lines'})
      </Button>
      {open && (
        <Box
          component="pre"
          sx={{
            fontFamily: MONO,
            fontSize: 12,
            m: 0,
            p: 1,
            maxHeight: 240,
            overflow: 'auto',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            borderRadius: 1,
            bgcolor: stream === 'stderr' ? '#fff4f4' : 'grey.100',
          }}
        >
          {text}
        </Box>
      )}
    </Box>
  );
}
