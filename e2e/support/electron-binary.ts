import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** The Electron binary, if its download succeeded on this machine. */
export function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Why the Electron e2e is skipped here. */
export const ELECTRON_SKIP_REASON =
  "Electron's binary is not installed on this machine (node_modules/electron/dist missing): skipping the desktop e2e.";
