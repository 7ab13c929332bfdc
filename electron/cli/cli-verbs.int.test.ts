import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import type { ClusterView } from '../../shared/api/contract';
import { cliHome, loopbackHostArgs } from '../../e2e/support/cli-home';

const CLI = resolve(__dirname, 'clusterdeck.mjs');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

/*
 * An admin's session with the real `clusterdeck` process: hosts on a real sshd (reached as
 * 127.0.0.1 and as localhost, two hosts to ClusterDeck), a cluster built from names with the
 * verbs, shown back and round-tripped, errors as people and scripts see them, and long requests
 * (probe, exec) run as tasks over SSH.
 */
describe('clusterdeck verbs end to end', () => {
  let sshd: SshdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, '--data-dir', join(dir, 'data'), ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  /** A command that must succeed; its JSON. */
  const json = (args: string[]): unknown => {
    const r = run(['--json', ...args]);
    expect(r.status, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };
  /** A command that must succeed and print a cluster view. */
  const view = (args: string[]) => json(args) as ClusterView;
  /** A command that must fail; the error it printed with --json. */
  const error = (args: string[]) => {
    const r = run(['--json', ...args]);
    expect(r.status, `${args.join(' ')}\n${r.stdout}`).toBe(1);
    return (
      JSON.parse(r.stdout) as {
        error: {
          code: string;
          message: string;
          hint: string;
          details?: { issues?: { field: string }[] };
        };
      }
    ).error;
  };
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };

  beforeAll(async () => {
    // The first CLI call builds out/ when the sources are newer (its output goes to stderr).
    const built = spawnSync(process.execPath, [CLI, '--help'], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(built.status, built.stderr).toBe(0);
    sshd = await startSshd();
    ({ dir, env } = cliHome(sshd, 'cd-cli-verbs-', [sshd.host, 'localhost']));
    // node2 is never connected: only the model names it.
    for (const [name, address] of [
      ['loop', sshd.host],
      ['node1', 'localhost'],
      ['node2', '127.0.0.2'],
    ] as const) {
      json(loopbackHostArgs(sshd, name, address));
    }
  }, 600_000);

  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a cluster from names with the verbs and shows it back with names', () => {
    const model = {
      name: 'web',
      layout: 'public',
      manager: { hostId: 'loop', publicIp: '10.10.0.10', quorumIp: '10.10.0.2' },
      storage: { kind: 'manager' },
    };
    const created = run(['cluster', 'create', '--file', file('web.json', model)]);
    expect(created.stdout).toContain('Created cluster web.');
    expect(created.stdout).toContain('clusterdeck plan web');
    json(['node', 'add', 'node1', '--public-ip', '10.10.0.11']);
    json(['node', 'add', 'node2', '--public-ip', '10.10.0.12']);
    const alice = view(['account', 'add', 'alice', '--domain', 'alice.example']);
    expect(alice.cluster.accounts).toEqual([
      { name: 'alice', domain: 'alice.example', uid: 2000, gid: 2000, quotaMiB: 1024 },
    ]);
    json(['vip', 'add', '10.10.0.100']);
    const http = view(['service', 'add', '--preset', 'http', '--nodes', 'node1:2,node2']);
    const [node1, node2] = http.cluster.nodes.map((n) => n.hostId);
    expect(http.cluster.services).toMatchObject([
      {
        id: 'http-80',
        vip: '10.10.0.100',
        listen: { port: 80 },
        realServers: [
          { hostId: node1, weight: 2 },
          { hostId: node2, weight: 1 },
        ],
      },
    ]);
    json(['service', 'edit', 'http-80', '--scheduler', 'rr']);

    const shown = run(['cluster', 'show', 'web']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^manager +loop +public 10\.10\.0\.10 +quorum 10\.10\.0\.2\/24$/m);
    expect(shown.stdout).toMatch(
      /^http-80 +HTTP +tcp 10\.10\.0\.100:80 +DR +rr .* node1 \(2\), node2$/m,
    );
    expect(shown.stdout).toMatch(/^alice +alice\.example +2000/m);
    expect(shown.stdout).not.toMatch(UUID);
  }, 120_000);

  it('account edit sets aliases and SFTP keys, and a password from stdin that only the engine hashes', () => {
    const key =
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB7k9v0Qm2b1n7n3Xo8Y3t1lUuJ3vC9nq0m5o2b3c4d5 a@b';
    const edited = view([
      'account',
      'edit',
      'alice',
      '--alias',
      'shop.example',
      '--alias',
      'blog.example',
      '--sftp-key',
      key,
    ]);
    expect(edited.cluster.accounts[0]).toMatchObject({
      aliases: ['shop.example', 'blog.example'],
      sftp: { authorizedKeys: [key] },
    });
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        '--data-dir',
        join(dir, 'data'),
        '--json',
        'account',
        'edit',
        'alice',
        '--sftp-password-stdin',
      ],
      { env, encoding: 'utf8', timeout: 120_000, input: 'a long enough password\n' },
    );
    expect(r.status, r.stderr).toBe(0);
    const after = (JSON.parse(r.stdout) as ClusterView).cluster.accounts[0];
    expect(after?.sftp?.passwordHash).toMatch(/^\$6\$/);
    expect(after?.sftp?.authorizedKeys).toEqual([key]);
    expect(r.stdout).not.toContain('a long enough password');
    const cleared = view(['account', 'edit', 'alice', '--alias', '']);
    expect(cleared.cluster.accounts[0]?.aliases).toEqual([]);
  }, 120_000);

  it('takes back what cluster show --json printed, with names where ids were', () => {
    const before = view(['cluster', 'show', 'web']);
    expect(view(['cluster', 'update', '--file', file('shown.json', before)]).cluster).toEqual(
      before.cluster,
    );
    const named = structuredClone(before);
    const service = named.cluster.services[0];
    if (service?.realServers[0]) service.realServers[0].hostId = 'node1';
    expect(view(['cluster', 'update', 'web', '--file', file('named.json', named)]).cluster).toEqual(
      before.cluster,
    );
    expect(error(['cluster', 'create', '--file', file('again.json', before)])).toMatchObject({
      code: 'NAME_TAKEN',
      hint: expect.stringContaining('clusterdeck cluster update web'),
    });
  }, 60_000);

  it('answers every mistake with a code and a hint; --json puts the error on stdout', () => {
    const broken = file('broken.json', '{\n  "name": "web2",\n  "layout": "public",\n}\n');
    expect(error(['cluster', 'create', '--file', broken])).toMatchObject({
      code: 'VALIDATION',
      message: `--file: ${broken}:4:1: a property name in double quotes must follow "," (no trailing comma)`,
    });
    expect(error(['cluster', 'create', '--file', join(dir, 'missing.json')])).toMatchObject({
      code: 'NOT_FOUND',
    });
    const before = view(['cluster', 'show', 'web']).cluster;
    const unknown = {
      ...before,
      services: [{ ...before.services[0], realServers: [{ hostId: 'node9' }] }],
    };
    expect(
      error(['cluster', 'update', 'web', '--file', file('unknown.json', unknown)]).details?.issues,
    ).toEqual([{ field: 'services.0.realServers.0.hostId', message: 'no host named "node9"' }]);
    expect(error(['account', 'add', 'bob', '--domain', 'bob.example', '--quota=-1'])).toMatchObject(
      { code: 'VALIDATION', message: expect.stringMatching(/^--quota: /) },
    );
    expect(error(['service', 'edit', 'http-80', '--ports', '70000'])).toMatchObject({
      message: expect.stringMatching(/^--ports: port must be between 1 and 65535/),
    });
    expect(error(['plan', 'nope'])).toMatchObject({
      code: 'NOT_FOUND',
      hint: 'See the names with: clusterdeck cluster list',
    });
    expect(error(['cluster', 'shw'])).toMatchObject({
      code: 'VALIDATION',
      hint: 'See: clusterdeck cluster --help',
    });

    const human = run(['lb', 'drain', 'nobody']);
    expect(human.status).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toBe(
      'clusterdeck: NOT_FOUND: NODE: no host named "nobody"\n  hint: See the names with: clusterdeck hosts list\n',
    );
  }, 120_000);

  it('takes a node out of the model and of the services it served', () => {
    const removed = run(['node', 'remove', 'node1']);
    expect(removed.stdout, removed.stderr).toContain(
      'Removed node node1 (the apply unmounts it and takes it out of the cluster); also out of service http-80',
    );
    const left = view(['cluster', 'show']).cluster;
    expect(left.nodes.map((n) => n.hostId)).toEqual([left.services[0]?.realServers[0]?.hostId]);
    expect(error(['node', 'remove', 'node2'])).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('node2 is the only server of http-80'),
    });
  }, 60_000);

  // Last: a probe stores real facts, against which the fictional addresses above are wrong.
  it('runs probe and exec as tasks over SSH', () => {
    const probe = run(['hosts', 'probe', 'loop']);
    expect(probe.status, probe.stderr).toBe(0);
    expect(probe.stdout).toMatch(/^loop: .*kernel /m);
    const results = json(['exec', '--hosts', 'loop,node1', '--', 'echo', 'hi']) as {
      hostName: string;
      code: number;
      stdout: string;
    }[];
    expect(results.map((r) => [r.hostName, r.code, r.stdout])).toEqual([
      ['loop', 0, 'hi\n'],
      ['node1', 0, 'hi\n'],
    ]);
  }, 180_000);
});
