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
import { TEST_USER, ensureTestUser, makeCleanHome } from '../../electron/core/testing/test-user';

/** A running throw-away OpenSSH server on a loopback address. */
export interface SshdHandle {
  host: string;
  port: number;
  /** The login: {@link TEST_USER} (root with `root: true`), never with the machine's own startup files. */
  user: string;
  /**
   * The login's home for this server (`HOME`, with the startup files given in the options and
   * nothing else): a folder `user` owns, for files that commands on the server write.
   */
  home: string;
  /** Private key authorized for `user`. */
  clientKeyPath: string;
  hostKeyPath: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it for the current host key. */
  hostKeyFingerprint: string;
  hostKeyType: string;
  /** Temporary directory holding keys, config and logs; removed by stop(). */
  dir: string;
  /** Everything sshd logged (-e sends it to stderr). */
  log(): string;
  /** Stops sshd and drops every open session; removes `dir` unless `keepDir`. */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
  /** Stops (dropping sessions) and starts again on the same address and port. */
  restart(): Promise<void>;
  /**
   * Writes a new host key, ed25519 unless `type` says otherwise; it is then the server's only
   * host key (at `hostKeyPath`, whatever the type). Takes effect at the next restart().
   */
  replaceHostKey(opts?: { type?: TestKeyType }): void;
}

/** Options of {@link startSshd}. */
export interface SshdOptions {
  /** A loopback address, default 127.0.0.1. */
  host?: string;
  sshdPath?: string;
  readyTimeoutMs?: number;
  /** Extra sshd_config lines; they win over the defaults. */
  extraConfig?: string[];
  /**
   * The login's shell startup files in its home (file name -> content), e.g. a slow or chatty
   * `.bashrc` as real servers have; by default they are empty. bash reads `~/.bashrc` for
   * every command that sshd runs, not only for interactive logins.
   */
  startupFiles?: Record<string, string>;
  /**
   * Log in as root instead of {@link TEST_USER}, still with a clean home of its own: for what
   * only root logins do (OpenSSH refuses "signal" requests for them, as they run without
   * privilege separation). ClusterDeck's own hosts are mostly root logins.
   */
  root?: boolean;
}

export { TEST_USER, ensureTestUser };

const DEFAULT_SSHD = '/usr/sbin/sshd';

/** The key types the test servers can have (RSA 2048 bits and ECDSA P-256, to keep it fast). */
export type TestKeyType = 'ed25519' | 'rsa' | 'ecdsa';

const KEYGEN_BITS: Record<TestKeyType, string[]> = {
  ed25519: [],
  rsa: ['-b', '2048'],
  ecdsa: ['-b', '256'],
};

/** Generates an unencrypted key pair at `path` / `path.pub` with the real ssh-keygen. */
export function generateKey(path: string, type: TestKeyType, comment = 'clusterdeck-test'): void {
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  const args = ['-q', '-t', type, ...KEYGEN_BITS[type], '-N', '', '-C', comment, '-f', path];
  execFileSync('ssh-keygen', args);
}

/** Generates an unencrypted ed25519 key pair at `path` / `path.pub` with the real ssh-keygen. */
export function generateEd25519Key(path: string, comment = 'clusterdeck-test'): void {
  generateKey(path, 'ed25519', comment);
}

/** The `[type, fingerprint]` of a public key file as ssh-keygen prints them. */
export function keygenFingerprint(pubPath: string): { keyType: string; fingerprint: string } {
  const pub = readFileSync(pubPath, 'utf8').trim().split(/\s+/);
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubPath], {
    encoding: 'utf8',
  });
  return { keyType: pub[0] ?? '', fingerprint: printed.split(/\s+/)[1] ?? '' };
}

/** A port that was free a moment ago on `host` (the kernel picks it). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once a TCP connect to host:port gets an SSH banner; rejects on error. */
function bannerOnce(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port });
    let buf = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('no banner'));
    }, 2000);
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (buf.includes('SSH-2.0-')) {
        clearTimeout(timer);
        sock.destroy();
        resolve();
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Pids of every process descending from `root` (via /proc), deepest last. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; fields resume after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(rest[1]));
    } catch {
      // The process exited while we looked.
    }
  }
  const out: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parent) if (frontier.includes(ppid)) next.push(pid);
    out.push(...next);
    frontier = next;
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts a real OpenSSH sshd as root on a loopback address with a temporary ed25519 host
 * key and one authorized client key for {@link TEST_USER}. Needs root and openssh-server
 * (`apt-get install -y openssh-server`).
 */
export async function startSshd(opts: SshdOptions = {}): Promise<SshdHandle> {
  const host = opts.host ?? '127.0.0.1';
  const sshdPath = opts.sshdPath ?? DEFAULT_SSHD;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 10_000;
  if (process.getuid?.() !== 0) throw new Error('startSshd needs root (sshd must switch users)');
  // sshd's privilege separation refuses to start without this directory (absent in containers).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const owner = opts.root ? { uid: 0, gid: 0 } : ensureTestUser();
  const user = opts.root ? 'root' : TEST_USER;
  const dir = mkdtempSync(join(tmpdir(), 'clusterdeck-sshd-'));
  // The test user must reach its home inside; the keys in `dir` stay root's (mode 0600).
  chmodSync(dir, 0o711);
  const home = join(dir, 'home');
  makeCleanHome(home, owner, opts.startupFiles);
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  const clientKeyPath = join(dir, 'client_ed25519');
  const configPath = join(dir, 'sshd_config');
  const pidPath = join(dir, 'sshd.pid');
  generateEd25519Key(hostKeyPath, 'clusterdeck-test-host');
  generateEd25519Key(clientKeyPath, 'clusterdeck-test-client');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKeyPath}.pub`), {
    mode: 0o644,
  });

  let port = 0;
  let child: ChildProcess | undefined;
  let logText = '';

  const writeConfig = (): void => {
    // sshd keeps the first value of a keyword, so extra lines go first to override defaults.
    const lines = [
      ...(opts.extraConfig ?? []),
      `Port ${port}`,
      `ListenAddress ${host}`,
      `HostKey ${hostKeyPath}`,
      `PidFile ${pidPath}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PermitRootLogin ${opts.root ? 'prohibit-password' : 'no'}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'MaxStartups 100',
      'MaxSessions 10',
      `AllowUsers ${user}`,
      `SetEnv HOME=${home}`,
      'UseDNS no',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
    ];
    writeFileSync(configPath, lines.join('\n') + '\n');
  };

  const launch = async (): Promise<void> => {
    writeConfig();
    const proc = spawn(sshdPath, ['-D', '-e', '-f', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    proc.stderr?.on('data', (d: Buffer) => {
      logText += d.toString('utf8');
    });
    let exited = false;
    proc.once('exit', () => {
      exited = true;
    });
    await waitFor(
      async () => {
        if (exited) throw new Error(`sshd exited during start-up:\n${logText}`);
        try {
          await bannerOnce(host, port);
          return true;
        } catch {
          return false;
        }
      },
      readyTimeoutMs,
      `sshd on ${host}:${port}`,
    );
  };

  const stopProcess = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc?.pid || proc.exitCode !== null) return;
    // Per-connection sshd processes run in their own sessions, so killing the listener alone
    // would keep clients connected: kill the whole tree to really drop them.
    const pids = [proc.pid, ...descendants(proc.pid)];
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
    await waitFor(() => pids.every((p) => !alive(p)), 5000, 'sshd processes to exit');
  };

  // The port is free when chosen but may be taken before sshd binds it: retry with another.
  for (let tries = 0; ; tries++) {
    port = await freePort(host);
    try {
      await launch();
      break;
    } catch (e) {
      await stopProcess();
      if (tries >= 4 || !/Address already in use|Cannot bind/i.test(logText)) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      logText = '';
    }
  }

  const handle: SshdHandle = {
    host,
    port,
    user,
    home,
    clientKeyPath,
    hostKeyPath,
    ...(() => {
      const k = keygenFingerprint(`${hostKeyPath}.pub`);
      return { hostKeyFingerprint: k.fingerprint, hostKeyType: k.keyType };
    })(),
    dir,
    log: () => logText,
    async stop(o) {
      await stopProcess();
      if (!o?.keepDir) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopProcess();
      await launch();
    },
    replaceHostKey(o) {
      generateKey(hostKeyPath, o?.type ?? 'ed25519', 'clusterdeck-test-host-new');
      const k = keygenFingerprint(`${hostKeyPath}.pub`);
      handle.hostKeyFingerprint = k.fingerprint;
      handle.hostKeyType = k.keyType;
    },
  };
  return handle;
}
