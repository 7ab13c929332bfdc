import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAppServer, type AppServer } from '../../e2e/support/app-server';
import type { ErrorInfo } from '../../shared/api/errors';
import { parseServerMessage } from '../../shared/api/wire';
import { API_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/security/browser-access';

const CLI = resolve(__dirname, 'clusterdeck.mjs');

/*
 * The CLI is a client of the same contract as the app: the same bad request, sent by the real
 * `clusterdeck` process and by the browser-mode app's WebSocket (as its page does), must be
 * refused with the same error, since both go through the one validation of the engine. Both
 * run on one data dir, so a check that needs the stored hosts sees the same hosts.
 */
describe('the CLI and the app answer a bad request alike', () => {
  let dir: string;
  let app: AppServer | undefined;
  let ws: WebSocket;
  let hostId = '';
  const env = () => ({ ...process.env, HOME: join(dir, 'home'), SSH_AUTH_SOCK: '' });
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [CLI, '--data-dir', app?.dataDir ?? '', '--json', ...args], {
      env: env(),
      encoding: 'utf8',
      timeout: 120_000,
    });

  /** What the app's page gets for a request over the WebSocket. */
  let nextId = 1;
  function request(channel: string, input: unknown): Promise<ErrorInfo | { value: unknown }> {
    const id = nextId++;
    return new Promise((done, fail) => {
      const onMessage = (data: Buffer) => {
        const m = parseServerMessage(data.toString('utf8'));
        if (m?.type !== 'response' || m.id !== id) return;
        ws.off('message', onMessage);
        done(m.envelope.ok ? { value: m.envelope.value } : m.envelope.error);
      };
      ws.on('message', onMessage);
      ws.once('error', fail);
      ws.send(JSON.stringify({ type: 'request', id, channel, input }));
    });
  }

  /** The error the CLI printed with --json, without the hint (the app's page picks its own). */
  function cliError(args: string[]): ErrorInfo {
    const r = cli(args);
    expect(r.status, r.stderr).toBe(1);
    const { error } = JSON.parse(r.stdout) as { error: ErrorInfo & { hint: string } };
    expect(error.hint).not.toBe('');
    const { hint: _hint, ...info } = error;
    return info;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-cli-parity-'));
    // The first CLI call builds out/ (headless included) when the sources are newer.
    const built = spawnSync(process.execPath, [CLI, '--help'], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(built.status, built.stderr).toBe(0);
    app = await startAppServer({ HOME: join(dir, 'home') });
    const token = new URL(app.url).hash.replace(/^#token=/, '');
    ws = new WebSocket(
      `${app.origin.replace(/^http/, 'ws')}/api`,
      [API_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`],
      { headers: { Origin: app.origin } },
    );
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    const added = cli(['hosts', 'add', '--name', 'mgr', '--address', '192.0.2.10', '--agent']);
    expect(added.status, added.stdout).toBe(0);
    hostId = (JSON.parse(added.stdout) as { id: string }).id;
  }, 700_000);

  afterAll(async () => {
    ws?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hosts:add with a bad name, address, port and user', async () => {
    const fromCli = cliError([
      'hosts',
      'add',
      '--name',
      'bad name!',
      '--address',
      'bad host!',
      '--port',
      '99999',
      '--user',
      'Root',
      '--agent',
    ]);
    const fromApp = await request('hosts:add', {
      name: 'bad name!',
      address: 'bad host!',
      port: '99999',
      user: 'Root',
      auth: { method: 'agent' },
    });
    expect(fromCli.code).toBe('VALIDATION');
    expect(fromCli.details?.['issues']).toHaveLength(4);
    expect(fromCli).toEqual(fromApp);
  });

  it('a cluster model that breaks the schema, and one that breaks a rule of the engine', async () => {
    const model = (patch: Record<string, unknown>) => ({
      name: 'web',
      layout: 'public',
      manager: { hostId, publicIp: '192.0.2.10', quorumIp: '192.0.2.2', quorumPrefix: 24 },
      storage: { kind: 'manager' },
      ...patch,
    });
    const cases = [
      // The contract's schema: fields inside its input, { cluster }.
      {
        m: model({
          name: 'Web!',
          layout: 'mesh',
          accounts: [{ name: 'Bad', uid: 'x', gid: 1, quotaMiB: -1, domain: 'nodot' }],
        }),
        field: 'cluster.name',
      },
      // Valid fields, but the quorum IP is the manager's own address: the engine's validation.
      {
        m: model({
          manager: { hostId, publicIp: '192.0.2.10', quorumIp: '192.0.2.10', quorumPrefix: 24 },
        }),
        field: 'manager.quorumIp',
      },
    ];
    for (const [i, { m, field }] of cases.entries()) {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, JSON.stringify(m));
      const fromCli = cliError(['cluster', 'create', '--file', file]);
      const fromApp = await request('clusters:save', { cluster: m });
      expect(fromCli.code).toBe('VALIDATION');
      expect(fromCli.details?.['issues']).toContainEqual(expect.objectContaining({ field }));
      expect(fromCli, `case ${i}`).toEqual(fromApp);
    }
  });
});
