import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, loopbackHostArgs } from '../../e2e/support/cli-home';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import type { SnapshotInfo } from '../../shared/model/snapshot-info';
import { decodeSnapshotFile, encodeSnapshotFile } from '../core/snapshot/file';

const CLI = resolve(__dirname, 'clusterdeck.mjs');

/** `clusterdeck snapshot save` and `snapshot list` as the real process runs them. */
describe('clusterdeck snapshot save and list', () => {
  let sshd: SshdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, '--data-dir', join(dir, 'data'), ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  const json = (args: string[]): unknown => {
    const r = run(['--json', ...args]);
    expect(r.status, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    // The first CLI call builds out/ when the sources are newer (its output goes to stderr).
    const built = spawnSync(process.execPath, [CLI, '--help'], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(built.status, built.stderr).toBe(0);
    sshd = await startSshd();
    ({ dir, env } = cliHome(sshd, 'cd-cli-snapshot-'));
    json(loopbackHostArgs(sshd, 'loop'));
    const model = join(dir, 'cluster.json');
    writeFileSync(
      model,
      JSON.stringify({
        name: 'snapcli',
        layout: 'public',
        manager: { hostId: 'loop', publicIp: '10.10.0.10', quorumIp: '10.10.0.2' },
        storage: { kind: 'manager' },
      }),
    );
    json(['cluster', 'create', '--file', model]);
  }, 600_000);

  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a snapshot, writes it where --out says, and lists it', async () => {
    const out = join(dir, 'saved.cdsnap');
    const saved = json(['snapshot', 'save', '--out', out]) as SnapshotInfo & { file: string };
    expect(saved).toMatchObject({ clusterName: 'snapcli', reason: 'manual', file: out });
    expect(saved.unreachable).toEqual([]);
    const body = await decodeSnapshotFile(readFileSync(out));
    expect(body.cluster.cluster.name).toBe('snapcli');
    expect(body.hosts.map((h) => [h.host.name, h.reachable])).toEqual([['loop', true]]);
    expect(readFileSync(out)).toEqual(readFileSync(join(dir, 'data', 'snapshots', saved.id)));

    const listed = json(['snapshot', 'list']) as SnapshotInfo[];
    expect(listed.map((i) => i.id)).toEqual([saved.id]);
    const text = run(['snapshot', 'list', '--cluster', 'snapcli']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^TAKEN\s+CLUSTER\s+REASON\s+SIZE\s+NOT REACHED\s+FILE\n/);
    expect(text.stdout).toContain(saved.id);
  });

  it('refuses an --out it cannot write, naming the option, and keeps the snapshot', () => {
    const r = run(['--json', 'snapshot', 'save', '--out', join(dir, 'no', 'such', 'dir', 'x')]);
    expect(r.status).toBe(1);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^--out: cannot write .*ENOENT/);
    expect((json(['snapshot', 'list']) as SnapshotInfo[]).length).toBe(2);
  });

  it('prints a --json answer far over a pipe buffer whole (the process waits for stdout)', async () => {
    const saved = json(['snapshot', 'list']) as SnapshotInfo[];
    const body = await decodeSnapshotFile(
      readFileSync(join(dir, 'data', 'snapshots', saved[0]?.id ?? '')),
    );
    // Well over a pipe's 64 KiB and under spawnSync's 1 MiB output buffer.
    const big = 'x'.repeat(300 * 1024);
    const host = body.hosts[0];
    if (!host) throw new Error('the snapshot has no host');
    host.files.push({ path: '/etc/big.conf', content: big, error: null });
    const file = join(dir, 'big.cdsnap');
    writeFileSync(file, await encodeSnapshotFile(body));
    const shown = json(['snapshot', 'show', file]) as typeof body;
    expect(shown.hosts[0]?.files.find((f) => f.path === '/etc/big.conf')?.content).toBe(big);
  });
});
