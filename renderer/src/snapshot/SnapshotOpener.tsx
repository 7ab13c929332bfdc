import FileOpenIcon from '@mui/icons-material/FileOpen';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { toErrorInfo } from '../../../shared/api/errors';
import { SNAPSHOT_EXTENSION } from '../../../shared/snapshot/format';
import { useUiStore } from '../stores/ui-store';
import { VISUALLY_HIDDEN } from '../theme';
import { openSnapshotBytes } from './snapshot-mode';

/** Opens a file's bytes; a bad file shows its error (with the hint) on the page. */
async function openBytes(read: () => Promise<Uint8Array>, fileName: string): Promise<void> {
  try {
    await openSnapshotBytes(await read(), fileName);
  } catch (e) {
    useUiStore.getState().showError({ context: `Opening ${fileName}`, error: toErrorInfo(e) });
  }
}

const openFile = (file: File) =>
  openBytes(async () => new Uint8Array(await file.arrayBuffer()), file.name);

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;

/**
 * Opening a snapshot file in the page: an "Open snapshot" button over a file input, and a drop
 * area; a `.cdsnap` dropped anywhere on the app opens too (the window listens, so the drop area
 * is only a visible hint). In the desktop app, main sends the files of File > Open, the command
 * line and the file manager through the bridge.
 */
export function SnapshotOpener() {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // Desktop only: the preload holds a file opened at launch until this subscribes.
  useEffect(
    () =>
      window.clusterdeck?.onOpenSnapshot((file) => {
        void openBytes(() => Promise.resolve(file.bytes), file.fileName);
      }),
    [],
  );

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      // Without this the browser would open the file as a page of its own.
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file === undefined) return;
      e.preventDefault();
      void openFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <Box
      data-testid="snapshot-drop"
      data-dragging={dragging}
      sx={{
        m: 1,
        p: 1,
        border: 1,
        borderStyle: 'dashed',
        borderRadius: 1,
        borderColor: dragging ? 'primary.main' : 'divider',
        bgcolor: dragging ? 'action.hover' : undefined,
      }}
    >
      <Button
        size="small"
        startIcon={<FileOpenIcon />}
        onClick={() => input.current?.click()}
        data-testid="snapshot-open"
      >
        Open snapshot
      </Button>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ px: 0.5 }}>
        or drop a {SNAPSHOT_EXTENSION} file here
      </Typography>
      <input
        ref={input}
        type="file"
        accept={SNAPSHOT_EXTENSION}
        aria-label="Open snapshot"
        tabIndex={-1}
        data-testid="snapshot-file-input"
        style={VISUALLY_HIDDEN}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The same file may be picked again after closing it.
          e.target.value = '';
          if (file !== undefined) void openFile(file);
        }}
      />
    </Box>
  );
}
