import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds the engine lock of a data dir, when it is not us. */
export interface LockHolder {
  pid: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One engine runs a data dir's queues at a time (the app, browser mode or a CLI apply): the
 * others could run the same step twice. Takes `engine.lock` (O_EXCL with the pid); a lock left
 * by a dead process is taken over. Returns a release function, or the live holder.
 */
export function acquireEngineLock(
  dataDir: string,
): { release: () => void } | { heldBy: LockHolder } {
  const path = join(dataDir, 'engine.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        return { heldBy: { pid } };
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot take the engine lock ${path}`);
}
