import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_USER, ensureTestUser, makeCleanHome } from '../testing/test-user';

/** N loopback "hosts" served by real OpenSSH, as the kit's bench.md (../shared/) describes. */
export interface LoopbackHosts {
  /** 127.0.0.2, 127.0.0.3, ... one per host. */
  addresses: string[];
  port: number;
  /** The login: {@link TEST_USER} with a clean home (`home`), or root when asked for. */
  user: string;
  home: string;
  clientKeyPath: string;
  /** The host key's public blob (every listener serves the same key). */
  hostKeyBlob: Buffer;
  dir: string;
  /** sshd's own log lines (errors only), for failure messages. */
  log(): string;
  /** Kills every sshd started (listeners and their per-connection children); idempotent. */
  stop(): void;
}

/** One sshd listens on at most 16 sockets (MAX_LISTEN_SOCKS in OpenSSH). */
const PER_SSHD = 16;
const PREFERRED_PORT = 2222;

/** Whether `port` can be bound on every address right now. */
async function portFree(addresses: string[], port: number): Promise<boolean> {
  for (const host of addresses) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, host, () => srv.close(() => resolve(true)));
    });
    if (!ok) return false;
  }
  return true;
}

/** A port the kernel picks on the first address (then checked on all of them). */
function anyPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function banner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const timer = setTimeout(() => done(false), 1000);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    sock.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-2.0-')));
    sock.once('error', () => done(false));
  });
}

/** Pids of every process descending from `roots` (via /proc). */
function descendants(roots: number[]): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone while we looked.
    }
  }
  const out: number[] = [];
  let frontier = roots;
  while (frontier.length > 0) {
    const next = [...parent].filter(([, pp]) => frontier.includes(pp)).map(([p]) => p);
    out.push(...next);
    frontier = next;
  }
  return out;
}

/**
 * Starts ceil(n/16) sshd processes serving 127.0.0.2..127.0.0.(n+1) on port 2222 (or a free
 * port when 2222 is taken, e.g. by another engineer's run), with a temporary ed25519 host
 * key and client key. The login is {@link TEST_USER} with a clean home of the bench's own (no
 * startup file of this machine's accounts runs), or root with that home when `asRoot`. Needs
 * root and openssh-server.
 */
export async function startLoopbackHosts(
  n: number,
  opts: { sshdPath?: string; asRoot?: boolean } = {},
): Promise<LoopbackHosts> {
  const sshdPath = opts.sshdPath ?? '/usr/sbin/sshd';
  if (n < 1 || n > 250) throw new Error('between 1 and 250 loopback hosts');
  if (process.getuid?.() !== 0) throw new Error('the bench needs root (sshd must switch users)');
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const addresses = Array.from({ length: n }, (_, i) => `127.0.0.${i + 2}`);
  const dir = mkdtempSync(join(tmpdir(), 'clusterdeck-bench-'));
  const owner = opts.asRoot ? { uid: 0, gid: 0 } : ensureTestUser();
  const user = opts.asRoot ? 'root' : TEST_USER;
  // The login reaches its home inside; the keys stay root's.
  chmodSync(dir, 0o711);
  const home = join(dir, 'home');
  makeCleanHome(home, owner);
  const hostKey = join(dir, 'host_ed25519');
  const clientKeyPath = join(dir, 'client_ed25519');
  for (const k of [hostKey, clientKeyPath]) {
    execFileSync('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'clusterdeck-bench',
      '-f',
      k,
    ]);
  }
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`), {
    mode: 0o644,
  });
  const pubB64 = readFileSync(`${hostKey}.pub`, 'utf8').split(/\s+/)[1] ?? '';

  const children: ChildProcess[] = [];
  const pidFiles: string[] = [];
  let logText = '';
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    const roots: number[] = [];
    for (const f of pidFiles) {
      try {
        roots.push(Number(readFileSync(f, 'utf8').trim()));
      } catch {
        // This sshd never wrote its pidfile (it failed to start).
      }
    }
    for (const c of children) if (c.pid !== undefined && !roots.includes(c.pid)) roots.push(c.pid);
    // Per-connection sshd children run in sessions of their own: kill them too.
    for (const pid of [...roots, ...descendants(roots)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    let port = PREFERRED_PORT;
    if (!(await portFree(addresses, port))) {
      port = 0;
      for (let i = 0; i < 5 && port === 0; i++) {
        const p = await anyPort(addresses[0] ?? '127.0.0.2');
        if (await portFree(addresses, p)) port = p;
      }
      if (port === 0) throw new Error('no port free on every loopback address');
    }
    for (let s = 0; s * PER_SSHD < n; s++) {
      const mine = addresses.slice(s * PER_SSHD, (s + 1) * PER_SSHD);
      const config = join(dir, `sshd_config.${s}`);
      const pidFile = join(dir, `sshd.${s}.pid`);
      pidFiles.push(pidFile);
      writeFileSync(
        config,
        [
          `Port ${port}`,
          ...mine.map((a) => `ListenAddress ${a}`),
          `HostKey ${hostKey}`,
          `PidFile ${pidFile}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          `PermitRootLogin ${opts.asRoot ? 'prohibit-password' : 'no'}`,
          `AllowUsers ${user}`,
          `SetEnv HOME=${home}`,
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'StrictModes no',
          'MaxStartups 500',
          'MaxSessions 50',
          'UseDNS no',
          'LogLevel ERROR',
        ].join('\n') + '\n',
      );
      const child = spawn(sshdPath, ['-D', '-e', '-f', config], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (d: Buffer) => {
        if (logText.length < 20_000) logText += d.toString('utf8');
      });
      children.push(child);
    }
    const end = Date.now() + 10_000;
    for (const a of addresses) {
      while (!(await banner(a, port))) {
        if (Date.now() > end) throw new Error(`sshd on ${a}:${port} did not start:\n${logText}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return {
      addresses,
      port,
      user,
      home,
      clientKeyPath,
      hostKeyBlob: Buffer.from(pubB64, 'base64'),
      dir,
      log: () => logText,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}
