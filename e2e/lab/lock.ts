/** A lock file so two lab commands never start/stop VMs at the same time. */
import fs from 'node:fs';
import { sleep } from './exec.js';

function holder(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Run `fn` holding the lock; waits up to `waitMs` for another lab command to finish. */
export async function withLock<T>(
  file: string,
  fn: () => Promise<T>,
  waitMs = 30 * 60_000,
): Promise<T> {
  const end = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = holder(file);
      if (pid === undefined || pid === process.pid) {
        if (pid === process.pid) return fn(); // re-entrant within one process
        fs.rmSync(file, { force: true }); // stale
        continue;
      }
      if (Date.now() > end) throw new Error(`another lab command (pid ${pid}) holds ${file}`);
      if (!announced)
        process.stderr.write(`[lab] waiting for another lab command (pid ${pid})...\n`);
      announced = true;
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
