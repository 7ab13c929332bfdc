import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshdHandle } from './sshd';

/**
 * A temp dir whose `home` trusts the loopback sshd's key under each of `names` (known_hosts),
 * and the environment to run the real CLI in: that HOME, no agent.
 */
export function cliHome(
  sshd: SshdHandle,
  prefix: string,
  names: readonly string[] = [sshd.host],
): { dir: string; home: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  const key = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8');
  writeFileSync(
    join(home, '.ssh', 'known_hosts'),
    names.map((n) => `[${n}]:${sshd.port} ${key}`).join(''),
  );
  return { dir, home, env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' } };
}

/** The `hosts add` arguments of host `name` on the loopback sshd, logging in with its key. */
export function loopbackHostArgs(sshd: SshdHandle, name: string, address = sshd.host): string[] {
  return [
    'hosts',
    'add',
    '--name',
    name,
    '--address',
    address,
    '--port',
    String(sshd.port),
    '--user',
    sshd.user,
    '--key',
    sshd.clientKeyPath,
  ];
}
