import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IPC_CHANNELS, type SnapshotFileMessage } from '../../shared/api/bridge';
import { SNAPSHOT_EXTENSION } from '../../shared/snapshot/format';

/** The largest snapshot file main reads for the renderer (a 200-node cluster is a few MiB). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The `.cdsnap` paths among command-line arguments (a file association starts the app so). */
export function snapshotPathsIn(argv: readonly string[]): string[] {
  return argv.filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(SNAPSHOT_EXTENSION));
}

/**
 * Opening snapshot files in the desktop app: File > Open snapshot… (a dialog limited to
 * `.cdsnap`), a file on the command line, and macOS's open-file. Main reads the file and sends
 * only its name and bytes to the renderer, which decodes and shows it (no path, no fs access
 * there). Call before app is ready, so an open-file at launch is not lost; `attach` once the
 * window exists.
 */
export function snapshotOpening() {
  let win: BrowserWindow | null = null;
  const early: string[] = [];

  const send = async (path: string) => {
    if (win === null || win.isDestroyed()) return;
    try {
      const size = (await stat(path)).size;
      if (size > MAX_FILE_BYTES) throw new Error(`the file is larger than ${MAX_FILE_BYTES} bytes`);
      const msg: SnapshotFileMessage = {
        fileName: basename(path),
        bytes: new Uint8Array(await readFile(path)),
      };
      win.webContents.send(IPC_CHANNELS.openSnapshot, msg);
    } catch (e) {
      dialog.showErrorBox('Opening the snapshot', `${path}: ${(e as Error).message}`);
    }
  };

  const pick = async () => {
    if (win === null) return;
    const r = await dialog.showOpenDialog(win, {
      title: 'Open snapshot',
      filters: [{ name: 'ClusterDeck snapshots', extensions: [SNAPSHOT_EXTENSION.slice(1)] }],
      properties: ['openFile'],
    });
    const path = r.canceled ? undefined : r.filePaths[0];
    if (path !== undefined) await send(path);
  };

  app.on('open-file', (e, path) => {
    e.preventDefault();
    if (win === null) early.push(path);
    else void send(path);
  });

  return {
    attach(window: BrowserWindow): void {
      win = window;
      Menu.setApplicationMenu(
        Menu.buildFromTemplate([
          {
            label: 'File',
            submenu: [
              { label: 'Open snapshot…', accelerator: 'CmdOrCtrl+O', click: () => void pick() },
              { type: 'separator' },
              { role: 'quit' },
            ],
          },
          { role: 'editMenu' },
          { role: 'viewMenu' },
          { role: 'windowMenu' },
        ]),
      );
      const paths = [...early.splice(0), ...snapshotPathsIn(process.argv.slice(1))];
      // The preload holds what comes before the page subscribes, but not before it loaded.
      window.webContents.once('did-finish-load', () => paths.forEach((p) => void send(p)));
    },
  };
}
