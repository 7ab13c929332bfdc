import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A browser-mode ClusterDeck started for one test, with its own data dir and HOME. */
export interface AppServer {
  url: string;
  origin: string;
  dataDir: string;
  home: string;
  stop(): Promise<void>;
}

const root = resolve(__dirname, '..', '..');

/**
 * Starts `out/headless/index.cjs` (built by the test command) on a random port with a fresh
 * (or the given) data dir and a fresh HOME (so the user's ~/.ssh/known_hosts never leaks into a test), and
 * waits for the printed URL.
 */
export async function startAppServer(
  env: Record<string, string> = {},
  opts: { dataDir?: string } = {},
): Promise<AppServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-e2e-'));
  // A given data dir (e.g. an engine's of a lab test) is the caller's: it stays at stop.
  const dataDir = opts.dataDir ?? join(dir, 'data');
  const home = join(dir, 'home');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'out/headless/index.cjs'), '--data-dir', dataDir],
    {
      cwd: root,
      env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app server did not print its URL:\n${output}`)),
      20_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    home,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
