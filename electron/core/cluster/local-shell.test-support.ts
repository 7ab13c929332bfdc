import { spawn } from 'node:child_process';
import type { HostRunner } from './run-on-host';
import type { RunOnHost } from './read-files';
import type { ExecResult } from '../ssh/types';

/**
 * Runs a command with the local /bin/sh, as a host's shell would (unit tests of the scripts the
 * engine sends; the integration tests send them to a real sshd). `env` is added to the
 * environment, e.g. a PATH that puts stand-in programs first.
 */
export function localShell(env: Record<string, string> = {}): RunOnHost {
  return (command, opts) =>
    new Promise<ExecResult>((resolve, reject) => {
      const started = Date.now();
      const child = spawn('/bin/sh', ['-c', command], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: opts.timeoutMs,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started }),
      );
    });
}

/** A {@link HostRunner} whose every host is the local shell; records the hosts it ran on. */
export function localHosts(env: Record<string, string> = {}): HostRunner & { ranOn: string[] } {
  const run = localShell(env);
  const ranOn: string[] = [];
  return {
    ranOn,
    ensureConnected: async () => undefined,
    run: (hostId, command, opts) => {
      ranOn.push(hostId);
      return run(command, opts);
    },
  };
}
