import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data directory, the same one Electron's app.getPath('userData') uses on Linux. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'ClusterDeck');
  if (process.platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'ClusterDeck');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'ClusterDeck');
}

/** Expands a leading `~/` to the user's home directory. */
export function expandHome(p: string): string {
  return p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/** Why a data dir was refused; each code is one cause. */
export type DataDirErrorCode =
  'DATA_DIR_NOT_A_DIRECTORY' | 'DATA_DIR_FOREIGN_OWNER' | 'DATA_DIR_OPEN_PERMISSIONS';

/** What {@link DataDirError} says about the refused directory. */
export interface DataDirErrorDetails {
  path: string;
  /** Owner of the directory (DATA_DIR_FOREIGN_OWNER). */
  ownerUid?: number;
  /** Permission bits, e.g. 0o775 (DATA_DIR_OPEN_PERMISSIONS). */
  mode?: number;
}

/** The data dir cannot be used safely; the message names the path and the fix. */
export class DataDirError extends Error {
  constructor(
    readonly code: DataDirErrorCode,
    message: string,
    readonly details: DataDirErrorDetails,
  ) {
    super(message);
    this.name = 'DataDirError';
  }
}

/**
 * Creates the data dir (mode 0700) or checks an existing one, and returns its path. It holds
 * the store, host keys trusted and the queue of commands run as root on every managed host, so
 * another user who could write it (or owns it) could make this app run their commands: such a
 * directory is refused with a {@link DataDirError}. The check follows a symlink to its target.
 * Skipped on Windows, where POSIX owners and modes do not apply.
 */
export function openPrivateDataDir(
  dir: string,
  uid: number | undefined = process.getuid?.(),
): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    // A file in the way is reported below, with the path; anything else (EACCES...) as is.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
  }
  if (uid === undefined) return dir;
  const st = statSync(dir);
  if (!st.isDirectory()) {
    throw new DataDirError('DATA_DIR_NOT_A_DIRECTORY', `data dir ${dir} is not a directory`, {
      path: dir,
    });
  }
  if (st.uid !== uid) {
    throw new DataDirError(
      'DATA_DIR_FOREIGN_OWNER',
      `data dir ${dir} is owned by uid ${st.uid}, not by this user (uid ${uid}): use a directory of your own (--data-dir)`,
      { path: dir, ownerUid: st.uid },
    );
  }
  const mode = st.mode & 0o7777;
  if ((mode & 0o022) !== 0) {
    throw new DataDirError(
      'DATA_DIR_OPEN_PERMISSIONS',
      `data dir ${dir} is writable by group or others (mode ${mode.toString(8).padStart(4, '0')}): run chmod 700 ${JSON.stringify(dir)}`,
      { path: dir, mode },
    );
  }
  return dir;
}
