/** Small process helpers shared by the lab modules. */
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Throw when the exit code is not 0 (default true). */
  check?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  /** Kill the process after this many ms (default: none). */
  timeoutMs?: number;
  /** Stream output to this log file descriptor instead of buffering all of it. */
  logFd?: number;
}

/** Run a command without a shell; resolves with its output. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const check = opts.check ?? true;
  return new Promise((resolve, reject) => {
    const so: SpawnOptions = {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    };
    const child = spawn(cmd, args, so);
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    if (opts.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      if (opts.logFd !== undefined) writeFd(opts.logFd, d);
      stdout = keepTail(stdout + d.toString());
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (opts.logFd !== undefined) writeFd(opts.logFd, d);
      stderr = keepTail(stderr + d.toString());
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new Error(`command not found: ${cmd}`) : e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const res = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (check && res.code !== 0) {
        const tail = (stderr || stdout).trim().split('\n').slice(-15).join('\n');
        reject(
          new Error(
            `${cmd} ${args.join(' ')} exited with ${res.code}${signal ? ` (${signal})` : ''}\n${tail}`,
          ),
        );
      } else resolve(res);
    });
  });
}

function keepTail(s: string): string {
  return s.length > 4_000_000 ? s.slice(-2_000_000) : s;
}

function writeFd(fd: number, d: Buffer): void {
  try {
    fs.writeSync(fd, d);
  } catch {
    /* log only */
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether a command is on PATH. */
export async function haveCommand(cmd: string): Promise<boolean> {
  const r = await run('sh', ['-c', `command -v ${cmd}`], { check: false });
  return r.code === 0;
}

/** Seconds elapsed since `start` (from performance.now()), one decimal. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}

/** Run async tasks with at most `limit` in flight; rejects with the first error after all settle. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let firstError: Error | undefined;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (e) {
        firstError ??= e instanceof Error ? e : new Error(String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError) throw firstError;
  return results;
}
