import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome, loopbackHostArgs } from '../../e2e/support/cli-home';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import type { SnapshotInfo } from '../../shared/model/snapshot-info';
import { decodeSnapshotFile } from '../core/snapshot/file';

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
});
