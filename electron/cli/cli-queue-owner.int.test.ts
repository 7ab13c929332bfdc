import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../e2e/support/app-server';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import { cliHome, loopbackHostArgs } from '../../e2e/support/cli-home';

const CLI = resolve(__dirname, 'clusterdeck.mjs');

/*
 * The app runs a data dir's queues; a `clusterdeck apply` on the same data dir used to queue the
 * plan's steps for a process that never looks at them and wait forever. It must be refused at
 * once, with nothing queued, while reading commands (plan, queue list) still work.
 */
describe('clusterdeck while the app runs the same data dir', () => {
  let sshd: SshdHandle;
  let dir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let app: AppServer | undefined;
  const cli = (args: string[], timeout = 90_000) =>
    spawnSync(process.execPath, [CLI, '--data-dir', dataDir, '--json', ...args], {
      env,
      encoding: 'utf8',
      timeout,
    });

  // The first CLI call builds the app (out/) when the sources are newer, headless included.
  beforeAll(async () => {
    sshd = await startSshd();
    let home: string;
    ({ dir, home, env } = cliHome(sshd, 'cd-cli-owner-'));
    dataDir = join(dir, 'data');
    const add = cli(loopbackHostArgs(sshd, 'loop'));
    expect(add.status, add.stderr).toBe(0);
    const hostId = (JSON.parse(add.stdout) as { id: string }).id;
    const model = join(dir, 'cluster.json');
    writeFileSync(
      model,
      JSON.stringify({
        name: 'web',
        layout: 'public',
        manager: { hostId, publicIp: '10.10.0.10', quorumIp: '10.10.0.2', quorumPrefix: 24 },
        storage: { kind: 'manager' },
        nodes: [],
      }),
    );
    const created = cli(['cluster', 'create', '--file', model]);
    expect(created.status, created.stderr).toBe(0);
    app = await startAppServer({ HOME: home }, { dataDir });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses apply with QUEUE_OWNED_ELSEWHERE naming the app, and queues nothing', () => {
    const r = cli(['apply', 'web']);
    expect(r.error, 'the CLI must not wait for a queue no one runs').toBeUndefined();
    expect(r.status).toBe(1);
    const { error } = JSON.parse(r.stdout) as {
      error: { code: string; message: string; details: { pid: number | null } };
    };
    expect(error.code).toBe('QUEUE_OWNED_ELSEWHERE');
    expect(error.details.pid).toEqual(expect.any(Number));
    expect(error.message).toContain(`pid ${error.details.pid}`);

    const queues = cli(['queue', 'list']);
    expect(queues.status, queues.stderr).toBe(0);
    const items = (JSON.parse(queues.stdout) as { items: unknown[] }[]).flatMap((q) => q.items);
    expect(items).toEqual([]);
  }, 120_000);

  it('refuses a queue retry the same way', () => {
    const r = cli(['queue', 'retry', 'loop']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe(
      'QUEUE_OWNED_ELSEWHERE',
    );
  }, 60_000);
});
