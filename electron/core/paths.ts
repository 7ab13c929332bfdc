import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data directory, the same one Electron's app.getPath('userData') uses on Linux. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ClusterDeck');
  if (process.platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'ClusterDeck');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'ClusterDeck');
}

/** Expands a leading `~/` to the user's home directory. */
export function expandHome(p: string): string {
  return p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}
