import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SNAPSHOT_EXTENSION } from '../../../../shared/snapshot/format';
import type { PickedFile } from './snapshots-store';

function FilePick({
  label,
  testId,
  onPick,
}: {
  label: string;
  testId: string;
  onPick: (file: File | null) => void;
}) {
  return (
    <Stack spacing={0.5} component="label" sx={{ minWidth: 240 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <input
        type="file"
        accept={SNAPSHOT_EXTENSION}
        data-testid={testId}
        onChange={(e) => onPick(e.target.files?.[0] ?? null)}
      />
    </Stack>
  );
}

/**
 * Compares two snapshot files from disk (taken on another machine, or removed here since):
 * they are read in the page, never sent to the engine.
 */
export function CompareFilesForm({
  busy,
  onCompare,
}: {
  busy: boolean;
  onCompare: (a: PickedFile, b: PickedFile) => void;
}) {
  const [a, setA] = useState<File | null>(null);
  const [b, setB] = useState<File | null>(null);
  const compare = async () => {
    if (a === null || b === null) return;
    const read = async (f: File) => ({
      name: f.name,
      bytes: new Uint8Array(await f.arrayBuffer()),
    });
    onCompare(await read(a), await read(b));
  };
  return (
    <Stack
      direction={{ xs: 'column', md: 'row' }}
      spacing={2}
      sx={{ alignItems: { md: 'flex-end' } }}
      data-testid="snapshot-files"
    >
      <FilePick label="First snapshot file" testId="snapshot-file-a" onPick={setA} />
      <FilePick label="Second snapshot file" testId="snapshot-file-b" onPick={setB} />
      <Button
        startIcon={<CompareArrowsIcon />}
        disabled={busy || a === null || b === null}
        onClick={() => void compare()}
        data-testid="snapshot-files-compare"
      >
        Compare files
      </Button>
    </Stack>
  );
}
