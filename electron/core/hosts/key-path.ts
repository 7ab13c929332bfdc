import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { AppError } from '../../../shared/api/errors';

function keyPathError(message: string): AppError {
  return new AppError('VALIDATION', `auth.keyPath: ${message}`, {
    issues: [{ field: 'auth.keyPath', message }],
  });
}

/**
 * A private key path as the admin typed it, made absolute: `~` and `~/…` start at `home`, and
 * so does a relative path (the app has no working directory the admin could know; the form
 * says so). `~user/…` is refused rather than guessed.
 */
export function resolveKeyPath(typed: string, home: string): string {
  const p = typed.trim();
  if (p === '~') return normalize(home);
  if (p.startsWith('~/')) return join(home, p.slice(2));
  if (p.startsWith('~')) {
    throw keyPathError('only your own home can be written as ~/ (no ~user/ paths)');
  }
  return isAbsolute(p) ? normalize(p) : join(home, p);
}

/**
 * Checks that an absolute key path is a file this process can read; a VALIDATION error on the
 * key field says why not, so the admin fixes it when adding the host, not at the first connect.
 */
export function checkKeyFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
    if (isFile) accessSync(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw keyPathError(`${path} does not exist`);
    if (code === 'EACCES') throw keyPathError(`${path} cannot be read (permission denied)`);
    throw keyPathError(`${path} cannot be read (${code ?? String(e)})`);
  }
  if (!isFile) throw keyPathError(`${path} is not a file`);
}
