import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The account the test servers and the benchmarks log in as: a system user of ours, so that no
 * test or figure depends on the machine's own accounts and their startup files (root's
 * `~/.bashrc` may run anything, such as a version manager that takes seconds and a lock per
 * session). Each server gives it a home of its own (sshd's `SetEnv HOME=`), so its startup
 * files are the test's.
 */
export const TEST_USER = 'clusterdeck-test';
const PASSWD_HOME = '/var/lib/clusterdeck-test';

/** The uid and gid of {@link TEST_USER}, read from /etc/passwd; undefined when absent. */
function readTestUser(): { uid: number; gid: number } | undefined {
  const line = execFileSync('getent', ['passwd', TEST_USER], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')
    .find((l) => l.startsWith(`${TEST_USER}:`));
  if (!line) return undefined;
  const f = line.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

function lookUp(): { uid: number; gid: number } | undefined {
  try {
    return readTestUser();
  } catch {
    // getent exits 2 when the user does not exist.
    return undefined;
  }
}

/** Creates {@link TEST_USER} when missing (idempotent; tolerates a concurrent creator). Needs root. */
export function ensureTestUser(): { uid: number; gid: number } {
  const have = lookUp();
  if (have) return have;
  try {
    // Password '*': no password login, but not "locked" ('!'), which sshd refuses for keys too.
    execFileSync(
      'useradd',
      [
        '--system',
        '--create-home',
        '--home-dir',
        PASSWD_HOME,
        '--shell',
        '/bin/bash',
        '--password',
        '*',
        TEST_USER,
      ],
      { stdio: 'pipe' },
    );
  } catch (e) {
    if (!lookUp()) throw new Error(`could not create the test user ${TEST_USER}: ${String(e)}`);
  }
  const made = lookUp();
  if (!made) throw new Error(`the test user ${TEST_USER} is missing after useradd`);
  return made;
}

/**
 * Makes `home` (mode 0700) a clean home for `owner`: the given startup files (name -> content),
 * and empty `.bashrc` and `.profile` unless given, so that nothing of the machine's own runs.
 */
export function makeCleanHome(
  home: string,
  owner: { uid: number; gid: number },
  files: Record<string, string> = {},
): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  for (const name of new Set(['.bashrc', '.profile', ...Object.keys(files)])) {
    writeFileSync(join(home, name), files[name] ?? '');
    chownSync(join(home, name), owner.uid, owner.gid);
  }
  chownSync(home, owner.uid, owner.gid);
}
