/**
 * SSH into lab hosts with the system `ssh` client and the lab's own key: command execution,
 * readiness waits, host-key files (known_hosts, ssh_config) and fingerprints.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { cmd } from '../../shared/shell/quote.js';
import type { LabPaths } from './config.js';
import { run, sleep, type RunResult } from './exec.js';

export interface SshTarget {
  name: string;
  sshPort: number;
  user?: string;
}

export interface SshExecOptions {
  /** Verify the host key against <labDir>/known_hosts (default true). */
  strict?: boolean;
  timeoutMs?: number;
  check?: boolean;
  input?: string;
}

/**
 * The remote command line for `ssh HOST -- ARGS...`. ssh joins its arguments with spaces and the
 * remote shell splits them again, so `curl -H 'Host: a.example' URL` would reach the host as
 * `curl -H Host: a.example URL`. Each word is quoted instead, so it arrives as it was given. One
 * word alone is a command line of its own (`ssh HOST -- 'ls /; df -h'`), as with ssh itself.
 */
export function remoteCommand(args: readonly string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [program, ...rest] = args;
  return rest.length === 0 ? program : cmd(program as string, ...rest);
}

/** Arguments for `ssh` (everything but the remote command). */
export function sshArgs(paths: LabPaths, t: SshTarget, strict = true): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    paths.privateKey,
    '-p',
    String(t.sshPort),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=5',
    '-o',
    'ServerAliveInterval=5',
    '-o',
    'ServerAliveCountMax=6',
    '-o',
    'LogLevel=ERROR',
    '-o',
    `StrictHostKeyChecking=${strict ? 'yes' : 'no'}`,
    '-o',
    `UserKnownHostsFile=${strict ? paths.knownHosts : '/dev/null'}`,
    `${t.user ?? 'root'}@127.0.0.1`,
  ];
}

/** Run a shell command on a host; resolves with exit code and output. */
export function sshExec(
  paths: LabPaths,
  t: SshTarget,
  command: string,
  o: SshExecOptions = {},
): Promise<RunResult> {
  return run('ssh', [...sshArgs(paths, t, o.strict ?? true), command], {
    check: o.check ?? false,
    timeoutMs: o.timeoutMs ?? 120_000,
    input: o.input,
  });
}

/** Whether something on 127.0.0.1:port answers with an SSH banner within `ms`. */
export function sshBanner(port: number, ms = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection({ host: '127.0.0.1', port });
    let data = '';
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), ms);
    s.on('data', (d) => {
      data += d.toString();
      if (data.startsWith('SSH-')) done(true);
    });
    s.on('error', () => done(false));
    s.on('close', () => done(data.startsWith('SSH-')));
  });
}

/** Wait until `ssh true` succeeds on the host; throws after `timeoutMs`. */
export async function waitForSsh(
  paths: LabPaths,
  t: SshTarget,
  timeoutMs: number,
  strict = true,
): Promise<number> {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeoutMs) {
    if (await sshBanner(t.sshPort, 3000)) {
      const r = await sshExec(paths, t, 'true', { strict, timeoutMs: 20_000 });
      if (r.code === 0) return (Date.now() - t0) / 1000;
      last = r.stderr.trim();
    }
    await sleep(500);
  }
  throw new Error(
    `${t.name}: SSH on 127.0.0.1:${t.sshPort} not ready after ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`,
  );
}

/**
 * Set the guest clock from the workstation's (restored snapshots keep their old time). The time is
 * sent only once the session is up, so SSH connection latency does not put the guest behind.
 */
export function setClock(paths: LabPaths, t: SshTarget, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ssh',
      [...sshArgs(paths, t), 'echo ready; read t; date -u -s "@$t" >/dev/null && echo set'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && out.includes('ready\n')) {
        sent = true;
        child.stdin.end(`${(Date.now() / 1000).toFixed(3)}\n`);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && out.includes('set')) resolve();
      else
        reject(
          new Error(`${t.name}: setting the clock failed (exit ${String(code)}): ${err.trim()}`),
        );
    });
  });
}

/** SHA256 fingerprint of an OpenSSH public key line, as `ssh-keygen -l` prints it. */
export function fingerprint(pubLine: string): string {
  const blob = pubLine.trim().split(/\s+/)[1] ?? '';
  return `SHA256:${crypto.createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

export interface KnownHost {
  name: string;
  sshPort: number;
  hostKey: string; // "ssh-ed25519 AAAA..."
}

/** Write <labDir>/known_hosts and an ssh_config with one `Host` entry per lab host. */
export function writeSshFiles(paths: LabPaths, hosts: KnownHost[]): void {
  const known = hosts.map(
    (h) => `[127.0.0.1]:${h.sshPort} ${h.hostKey.split(/\s+/).slice(0, 2).join(' ')}`,
  );
  fs.writeFileSync(paths.knownHosts, `${known.join('\n')}\n`);
  const cfg = hosts.map((h) =>
    [
      `Host ${h.name}`,
      '  HostName 127.0.0.1',
      `  Port ${h.sshPort}`,
      '  User root',
      `  IdentityFile ${paths.privateKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${paths.knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  LogLevel ERROR',
    ].join('\n'),
  );
  fs.writeFileSync(
    paths.sshConfig,
    `# ClusterDeck practice lab: ssh -F ${paths.sshConfig} manager\n${cfg.join('\n\n')}\n`,
  );
}
